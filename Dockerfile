# One image for both apps: the API (default command) and the worker
# (command: node dist/apps/worker/src/main.js). See docker-compose.yml.

# ---- build: install everything, compile, then drop the dev dependencies ----
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: compiled code and production dependencies only, not root ----
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and only readable by the app user: the process cannot rewrite its own code.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The reference CSVs are read at migration time from migrations/data (relative to the working directory).
COPY --from=build /app/migrations/data ./migrations/data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
