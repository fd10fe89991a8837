# Runtime image "node" of the docker sandbox engine, for operators with a registry (see README.md here).
# The official Node.js image at an exact version; languages.yaml finds node at /usr/local/bin/node.
FROM node:20.20.2-bookworm-slim
RUN rm -rf /etc/shadow /etc/gshadow /home/node /root/.??* /usr/local/lib/node_modules/npm /usr/local/bin/npm /usr/local/bin/npx
LABEL judge.runtime="node" judge.runtime.toolchain="image"
WORKDIR /box
