# Runtime image "gcc" of the docker sandbox engine, for operators with a registry (see README.md here).
# Same Debian release, packages and paths as the hosts the judge is tested on, so that the tool paths in
# libs/judge/languages.yaml hold inside the image. Exact versions: the base by its dated tag, the
# packages by version from the Debian snapshot archive of that date.
FROM debian:bookworm-20250407-slim
ARG SNAPSHOT=20250407T000000Z
RUN echo "deb [check-valid-until=no] http://snapshot.debian.org/archive/debian/${SNAPSHOT} bookworm main" > /etc/apt/sources.list \
 && echo "deb [check-valid-until=no] http://snapshot.debian.org/archive/debian-security/${SNAPSHOT} bookworm-security main" >> /etc/apt/sources.list \
 && rm -f /etc/apt/sources.list.d/debian.sources \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      gcc-12=12.2.0-14 g++-12=12.2.0-14 gcc=4:12.2.0-3 g++=4:12.2.0-3 libc6-dev=2.36-9+deb12u10 \
 && rm -rf /var/lib/apt/lists/* /etc/shadow /etc/gshadow /home/* /root/.??* \
 && rmdir /home
LABEL judge.runtime="gcc" judge.runtime.toolchain="image"
WORKDIR /box
