#!/usr/bin/env bash
# setup.sh — run once by Gradescope when it builds the autograder image.
# Installs the kit's libraries and builds the grader and every check program.
set -euo pipefail
cd /autograder/source
apt-get update
apt-get install -y --no-install-recommends build-essential pkg-config libcriterion-dev \
  libyaml-dev libarchive-dev libncurses-dev bubblewrap python3
make -j"$(nproc)" grade-tools
