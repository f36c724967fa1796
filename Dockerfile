# VibeJudge AI organizer dashboard (Streamlit), as run by the ECS Fargate task.
#
# Build:  docker build --build-arg GIT_REVISION="$(git rev-parse HEAD)" -t vibejudge-dashboard .
# Run:    docker run --read-only --tmpfs /tmp -p 8501:8501 \
#           -e API_BASE_URL=https://api.example.com/api/v1 vibejudge-dashboard
#
# Build arguments:
#   BASE_IMAGE        Python base for both stages (default python:3.12-slim). Any Debian-like image
#                     with python3 (and its venv module), groupadd and useradd works.
#   VERSION           image version label (default 1.0.0).
#   GIT_REVISION      commit the image is built from (label org.opencontainers.image.revision).
#   PIP_INDEX_URL, PIP_FIND_LINKS, PIP_NO_INDEX, PIP_TRUSTED_HOST
#                     pip's own settings, for a private mirror or a local wheel directory; unset by
#                     default (pip uses PyPI). They exist only in the builder stage.

ARG BASE_IMAGE=python:3.12-slim

FROM ${BASE_IMAGE} AS builder

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

ARG PIP_INDEX_URL
ARG PIP_FIND_LINKS
ARG PIP_NO_INDEX
ARG PIP_TRUSTED_HOST
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore

# strip(1) for the shared objects below. The builder stage is thrown away, and binutils must come
# from the base's own Debian release (bookworm, trixie, ...), so its version is not pinned.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install --yes --no-install-recommends binutils \
 && rm -rf /var/lib/apt/lists/*

COPY streamlit_ui/requirements.txt /tmp/requirements.txt
# One RUN (under the vfs storage driver every layer is a full copy): install the pinned runtime
# requirements, then drop what the dashboard never loads — measured in docs/container.md from the
# modules and shared objects of a process that served every page; tests/container renders every
# page from this image. The image must stay under 500 MB; the target is 400 MB.
# 1. pip, setuptools, wheel: nothing installs packages at run time.
# 2. Packages nothing imports: the pages draw with Plotly, so altair (st.line_chart & co.) with its
#    jsonschema stack, pydeck (st.map), Pillow (st.image) and watchdog (the file watcher is off).
# 3. pyarrow's optional modules: Flight, the S3/GCS/Azure/HDFS file systems, datasets, Parquet, ORC,
#    CSV, JSON, Feather, Substrait, Acero, CUDA, the C++ tests, headers and Cython sources. Its C++
#    libraries stay (lib.so links them all); its three identical libarrow_python copies become one.
# 4. Plotly's own plotly.js bundles (HTML export, Jupyter widgets: Streamlit brings its own), sample
#    data, plotly.express / figure_factory / matplotlylib (the pages use graph_objects), the Jupyter
#    extension; and the byte code of graph_objs and validators (19 MB): plotly imports those one
#    trace type at a time, so compiling the few a chart needs costs milliseconds, once per process.
# 5. Test suites, type stubs, C headers and static libraries, Cython sources, JavaScript source
#    maps, numpy's build tools (distutils, f2py), narwhals' back ends for libraries that are not
#    installed (polars, Dask, DuckDB, Ibis, Spark, SQL), Streamlit's AppTest and its AI-agent notes.
# 6. Symbols and debug sections of every shared object except those auditwheel rewrote with patchelf
#    (the vendored *.libs and the extensions whose run path points at them): strip(1) makes those
#    fail to load ("ELF load command address/offset not properly aligned", pypa/manylinux#119).
# 7. Fail the build, not the task, if a cut went too far on this platform (e.g. linux/arm64).
# (cd, not WORKDIR: the site-packages path depends on the base's Python version.)
# hadolint ignore=DL3003
RUN python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir --requirement /tmp/requirements.txt \
 && /opt/venv/bin/pip uninstall --yes --quiet setuptools wheel pip \
 && cd "$(/opt/venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" \
 && rm -rf altair altair-* jsonschema jsonschema-* jsonschema_specifications jsonschema_specifications-* \
      referencing referencing-* rpds rpds_py-* attr attrs attrs-* jinja2 jinja2-* markupsafe markupsafe-* \
      pydeck pydeck-* PIL pillow.libs pillow-* watchdog watchdog-* \
 && rm -rf pyarrow/include pyarrow/src pyarrow/parquet pyarrow/libarrow_flight.so* pyarrow/libarrow_python_flight.so* \
      pyarrow/libarrow_s3.so* pyarrow/libarrow_python_parquet_encryption.so* pyarrow/_pyarrow_cpp_tests.*.so \
 && for module in flight s3fs gcsfs azurefs hdfs fs dataset dataset_orc dataset_parquet dataset_parquet_encryption \
      parquet parquet_encryption orc csv json feather substrait acero cuda; do \
      rm -f "pyarrow/_${module}".*.so "pyarrow/${module}.py" "pyarrow/__pycache__/${module}".*.pyc; \
    done \
 && find pyarrow -name '*.pxi' -delete \
 && soname="$(readelf --dynamic pyarrow/libarrow_python.so | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')" \
 && for copy in pyarrow/libarrow_python.so*; do \
      if [ "$copy" != "pyarrow/$soname" ] && cmp -s "$copy" "pyarrow/$soname"; then ln -sf "$soname" "$copy"; fi; \
    done \
 && rm -rf plotly/package_data/plotly.min.js plotly/package_data/widgetbundle.js plotly/package_data/datasets \
      plotly/express plotly/figure_factory plotly/matplotlylib plotly/labextension \
 && find plotly/graph_objs plotly/validators -depth -type d -name __pycache__ -exec rm -rf {} + \
 && find . -depth \( -type d \( -name tests -o -name include \) -o -name '*.pxd' -o -name '*.pyx' -o -name '*.pyi' \
      -o -name '*.a' -o -name '*.map' \) -exec rm -rf {} + \
 && rm -rf numpy/distutils numpy/f2py narwhals/_polars narwhals/_dask narwhals/_duckdb narwhals/_ibis \
      narwhals/_spark_like narwhals/_sql streamlit/testing streamlit/.agents \
 && find . -type f -name '*.so*' ! -path '*.libs/*' -exec sh -c 'for object; do \
      readelf --dynamic "$object" | grep -q "R[UN]*PATH.*\.libs" || strip --strip-unneeded "$object" || exit 1; \
    done' strip-shared-objects {} + \
 && PYTHONDONTWRITEBYTECODE=1 /opt/venv/bin/python -c "import numpy, pandas, pyarrow, plotly.graph_objects, \
streamlit.web.bootstrap; pyarrow.Table.from_pandas(pandas.DataFrame({'n': numpy.arange(3)})); numpy.linalg.inv(numpy.eye(2))"


FROM ${BASE_IMAGE} AS runtime

# The dashboard's user, and no setuid or setgid file left (su, mount, passwd, chsh, ... come with the
# base): nothing in the container can gain privileges, even where no-new-privileges is not set.
RUN groupadd --gid 1000 streamlit \
 && useradd --uid 1000 --gid 1000 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin streamlit \
 && find / -xdev -type f -perm /6000 -exec chmod ug-s {} +

COPY --from=builder /opt/venv /opt/venv
# The app stays owned by root: the dashboard process can read its code but not change it.
COPY streamlit_ui/ /app/

WORKDIR /app

# HOME=/tmp: the root file system is read-only in ECS and /tmp is the only writable volume, so
# everything Streamlit and its libraries keep per user (~/.streamlit, caches) lands there.
ENV PATH=/opt/venv/bin:${PATH} \
    HOME=/tmp \
    XDG_CACHE_HOME=/tmp/.cache \
    XDG_CONFIG_HOME=/tmp/.config \
    MPLCONFIGDIR=/tmp/matplotlib \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    API_BASE_URL="" \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_SERVER_RUN_ON_SAVE=false \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

# Declared here, after every RUN, so that a new revision only changes the metadata, not the layers.
ARG VERSION=1.0.0
ARG GIT_REVISION=unknown
LABEL maintainer="vibejudge-team" \
      version="${VERSION}" \
      description="VibeJudge AI Streamlit Organizer Dashboard" \
      org.opencontainers.image.title="vibejudge-dashboard" \
      org.opencontainers.image.description="VibeJudge AI Streamlit Organizer Dashboard" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${GIT_REVISION}" \
      org.opencontainers.image.authors="vibejudge-team" \
      org.opencontainers.image.vendor="VibeJudge AI" \
      org.opencontainers.image.licenses="MIT"

USER 1000:1000
EXPOSE 8501

# Python's standard library only (the image has no curl); a refused connection or a non-200 answer
# is one line in `docker inspect`, not a traceback.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import http.client, os, sys\ntry:\n    c = http.client.HTTPConnection('127.0.0.1', int(os.environ.get('STREAMLIT_SERVER_PORT', '8501')), timeout=4)\n    c.request('GET', '/_stcore/health')\n    status = c.getresponse().status\nexcept OSError as e:\n    sys.exit(f'unhealthy: {e}')\nsys.exit(0 if status == 200 else f'unhealthy: HTTP {status}')"]

# Exec form: the dashboard's Python process is PID 1 and receives ECS's SIGTERM itself; Streamlit
# installs a SIGTERM handler that stops the server and exits. serve.py is `streamlit run app.py`
# with an HTTP keep-alive longer than the load balancer's idle timeout (see its docstring).
CMD ["python", "serve.py"]
