--[[
  Removes one comment from a show's chat history (see RedisChatHistory.remove).
  Mirrors: server/domain/chat-history.ts removeFromHistory()

  Input:
    KEYS[1] the show's chat list   newest first, each a CommentEvent as JSON; at most CHAT_HISTORY_SIZE long
    ARGV[1] comment id

  Output: 1 when the comment was in the history (and left it), 0 otherwise
]]
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for _, item in ipairs(items) do
  local ok, comment = pcall(cjson.decode, item)
  if ok and type(comment) == 'table' and comment.id == ARGV[1] then
    redis.call('LREM', KEYS[1], 0, item)
    return 1
  end
end
return 0
