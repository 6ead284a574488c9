# The company server (README, "Company server"), run as the tests run it: node out/main/signet-server.js serve …
# Build: docker build -t signet-server .   Data: the volume /data (the SQLite store, unless DATABASE_URL, and files/).

FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 and keytar compile from source where no prebuilt binary fits this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ libsecret-1-dev \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Electron is only a build tool here: its binary is neither needed nor downloadable on every build machine.
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx electron-vite build && npm prune --omit=dev --no-audit --no-fund

# At run time the server spawns no program (SQLite is better-sqlite3, sealing and PDF work are Node code): no apt packages.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/out ./out
COPY --from=build /app/resources ./resources
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains (30 s at most, then the server exits by itself): give docker stop --time 35 or compose's stop_grace_period.
STOPSIGNAL SIGTERM
CMD ["node", "out/main/signet-server.js", "serve", "--data", "/data", "--host", "0.0.0.0", "--port", "8080"]
