# Front Row server image. Build: `docker compose build`; see docker-compose.yml.
#
# The application in /app is read-only at run time: root owns it, the
# unprivileged `node` user runs it, and the only place it writes is DATA_DIR
# (/data, the SQLite file in embedded mode) and the temp dir. The screens are
# built here, when the image is built, so `npm start` never writes dist/.

# --- deps: install with a toolchain, so better-sqlite3 can compile if no prebuilt binary fits ---
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# Only the manifests first, so source edits don't invalidate the install layer.
COPY package.json package-lock.json ./
# tsx (which runs `npm start`) and vite (which builds the screens) are runtime dependencies, so dev tools can stay out.
RUN npm ci --omit=dev

# --- screens: dist/web, built once, here ---
FROM deps AS screens
COPY . .
RUN node_modules/.bin/vite build

# --- runtime: the slim image without the toolchain ---
FROM node:20-bookworm-slim
# NODE_ENV=production: `npm start` serves the screens built above without looking at their sources.
# npm and tsx keep their caches in the temp dir, so a read-only root filesystem (compose: read_only) works.
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    NPM_CONFIG_CACHE=/tmp/.npm \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=screens /app/dist ./dist
# /data is the node user's and private (it holds the JWT secret and password hashes); a named
# volume mounted there takes this directory's owner and mode. Everything else stays root's.
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
EXPOSE 3000
CMD ["npm", "start"]
