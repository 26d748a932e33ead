# engine.mk — the fast trainer (lab/engine/) goes into the runtime library;
# its kernel is compiled once per instruction set, picked at run time.
ENGINE_ISAS := base
ifeq ($(shell uname -m),x86_64)
ENGINE_ISAS += avx2 avx512
$(BUILD)/obj/lab/engine/engine.o: EXTRA_CFLAGS += -DSL_ENGINE_X86
endif
ENGINE_FLAGS_base := -DSL_VW=2 -DSL_RV=1
ENGINE_FLAGS_avx2 := -mavx2 -mfma -DSL_VW=4 -DSL_RV=1
ENGINE_FLAGS_avx512 := -mavx512f -mfma -DSL_VW=8 -DSL_RV=2
ENGINE_KERNELS := $(ENGINE_ISAS:%=$(BUILD)/obj/lab/engine/kernel_%.o)
ENGINE_OBJ := $(BUILD)/obj/lab/engine/engine.o $(BUILD)/obj/lab/engine/barrier.o $(ENGINE_KERNELS)
RT_OBJ += $(ENGINE_OBJ)

# `a += x * w` as one fused multiply-add (ISO C mode turns contraction off).
# A static pattern rule: never a candidate for make's implicit rule search.
$(ENGINE_KERNELS): $(BUILD)/obj/lab/engine/kernel_%.o: lab/engine/kernel.c
	@mkdir -p $(@D)
	$(call quiet,CC,$<)$(CC) $(CFLAGS) -ffp-contract=fast $(ENGINE_FLAGS_$*) -DSL_KERNEL=sl_engine_slice_$* \
	  -MMD -MP -c $< -o $@
