# worker.mk — grader/worker: the judge's proxies and client, the worker's main.
#   $(WORKER_MAIN_OBJ)         worker.o + filter.o: linked with a student object and
#                              harness/E.a into a worker (sl_link_worker, build.h)
#   $(BUILD)/obj/grader/worker/proxy-E.o   the proxy of exercise E (judge side)
#   $(WORKER_CLIENT_OBJ)       the judge's side of the protocol (in every harness)
#   $(BUILD)/judge/E           the judge of exercise E: suite + proxy + harness
#   $(BUILD)/judge/E-hidden    the same with grader/hidden/E.c
# A worker is found by the judge at $SL_WORKER, else DIR/worker-NAME beside it.
WORKER_SECCOMP_CFLAGS := $(if $(SECCOMP_LIBS),-DSL_HAVE_SECCOMP)
WORKER_MAIN_OBJ := $(BUILD)/obj/grader/worker/worker.o $(BUILD)/obj/grader/worker/filter.o
WORKER_CLIENT_OBJ := $(BUILD)/obj/grader/worker/client.o
WORKER_PROXY_OBJ := $(ALL_EXERCISES:%=$(BUILD)/obj/grader/worker/proxy-%.o)
$(BUILD)/obj/grader/worker/filter.o: EXTRA_CFLAGS += $(WORKER_SECCOMP_CFLAGS)

$(BUILD)/obj/grader/worker/proxy-%.o: grader/worker/proxy.c
	@mkdir -p $(@D)
	$(call quiet,CC,$<)$(CC) $(CFLAGS) -DSL_PROXY_$* -MMD -MP -c $< -o $@

# The sanitizer flavour's flags for a student file (the memory check).
WORKER_ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
WORKER_LIBS = $(SECCOMP_LIBS) -lm

JUDGES := $(ALL_EXERCISES:%=$(BUILD)/judge/%) \
  $(patsubst grader/hidden/%.c,$(BUILD)/judge/%-hidden,$(wildcard grader/hidden/*.c))
$(BUILD)/judge/%: $(BUILD)/obj/grader/suites/%.o $(BUILD)/obj/grader/worker/proxy-%.o $(BUILD)/harness/%.a
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $^ $(CRITERION_LIBS) $(JANSSON_LIBS) -lm -o $@
$(BUILD)/judge/%-hidden: $(BUILD)/obj/grader/suites/%.o $(BUILD)/obj/grader/hidden/%.o \
  $(BUILD)/obj/grader/worker/proxy-%.o $(BUILD)/harness/%.a
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $^ $(CRITERION_LIBS) $(JANSSON_LIBS) -lm -o $@

.PHONY: judges
judges: $(JUDGES) $(WORKER_MAIN_OBJ)
all: judges

# The memory-check hook end to end: a judge with one check in the sanitizer
# flavour, and the sanitizer worker beside it (asan-worker-hook).
WORKER_HOOK := $(BUILD)/worker-test/hook
$(WORKER_HOOK): $(BUILD)/obj/grader/worker/tests/asan_hook.o $(BUILD)/obj/grader/worker/proxy-softmax.o \
  $(BUILD)/harness/softmax.a $(BUILD)/worker-test/asan-worker-hook
	$(CC) $(LDFLAGS) $(filter %.o %.a,$^) $(CRITERION_LIBS) $(JANSSON_LIBS) -lm -o $@
$(BUILD)/worker-test/asan-worker-hook: $(WORKER_MAIN_OBJ) $(BUILD)/worker-test/asan_overflow.o $(BUILD)/harness/softmax.a
	$(CC) $(LDFLAGS) $(WORKER_ASAN_FLAGS) $^ $(WORKER_LIBS) -o $@
$(BUILD)/worker-test/asan_overflow.o: grader/worker/tests/asan_overflow.c lab/softmax_lab.h
	@mkdir -p $(@D)
	$(CC) $(STUDENT_CFLAGS) $(WORKER_ASAN_FLAGS) -c $< -o $@

.PHONY: test-worker
TEST_TARGETS += test-worker
test-worker: check-tools $(WORKER_HOOK)
	@CHECK_BIN=$(CHECK_BIN) BUILD_DIR=$(BUILD) WORKER_HOOK=$(WORKER_HOOK) bash grader/worker/test_worker.sh

help::
	@echo "  make test-worker            code that tries to forge a pass (exit 97, files, fork, sleep, fake output) scores 0"
