# Front Row server image. Build: `docker compose build`; see docker-compose.yml.

# --- deps: install with a toolchain, so better-sqlite3 can compile if no prebuilt binary fits ---
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# Only the manifests first, so source edits don't invalidate the install layer.
COPY package.json package-lock.json ./
# tsx (which runs `npm start`) is a runtime dependency, so dev tools can stay out.
RUN npm ci --omit=dev

# --- runtime: the slim image without the toolchain ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# A named volume mounted on /data takes this directory's owner, so the
# unprivileged user can write the SQLite file in embedded mode.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
CMD ["npm", "start"]
