# watch.mk — `make watch` (grader/watch/): re-checks the current exercise on
# every save, rustlings-style; its end-to-end test `make test-watch` (tmux)
# and its latency benchmark `make bench-watch` (also a section of make bench).
WATCH_BIN := $(BUILD)/watch
WATCH_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard grader/watch/*.c))

$(WATCH_BIN): $(WATCH_OBJ) $(RT_LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $(WATCH_OBJ) $(RT_LIB) $(YAML_LIBS) -lm -o $@

all: $(WATCH_BIN)

.PHONY: watch test-watch bench-watch
watch: check-tools $(WATCH_BIN)
	@$(WATCH_BIN) --build $(BUILD)

TEST_TARGETS += test-watch
test-watch: check-tools $(WATCH_BIN)
	@WATCH_BIN=$(WATCH_BIN) BUILD_DIR=$(BUILD) bash grader/watch/test_watch.sh

bench-watch: check-tools $(WATCH_BIN)
	@python3 grader/watch/bench_watch.py $(WATCH_BIN) $(BUILD)

help::
	@echo "  make test-watch             end-to-end test of make watch in tmux"
	@echo "  make bench-watch            make watch: time from saving a file to its verdict on screen"
