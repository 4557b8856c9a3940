// SPDX-License-Identifier: BSD-2-Clause
/*
 * End to end: disable_percpu_irq(), local_irq_save() and free_percpu_irq()
 * on both swipi variants.
 *
 * What the soft controllers do with an IPI sent to a CPU where it is
 * disabled: they keep it. The per-CPU variant latches the hwirq in the
 * CPU's pending word and raises the line when the CPU enables it again; the
 * single variant's line stays pending at the CPU's cpu-intc, which the CPU
 * takes when it unmasks the line. Either way the latch is one bit, so any
 * number of sends while disabled arrive as one handler run.
 */
#include "e2e-scenarios.h"

#define MASKING(name)                                                                              \
	static void name##_per_cpu(void **state)                                                   \
	{                                                                                          \
		e2e_scenario_##name(*state, true);                                                 \
	}                                                                                          \
	static void name##_single(void **state)                                                    \
	{                                                                                          \
		e2e_scenario_##name(*state, false);                                                \
	}

MASKING(disabled_ipi_stays_pending)
MASKING(send_all_with_some_disabled)
MASKING(self_ipi_waits_for_unmask)
MASKING(free_and_request_again)
MASKING(destroyed_ipi_does_not_leak)

int main(int argc, char **argv)
{
	static const struct e2e_case cases[] = {
		{ "disabled_ipi_stays_pending_per_cpu", disabled_ipi_stays_pending_per_cpu },
		{ "disabled_ipi_stays_pending_single", disabled_ipi_stays_pending_single },
		{ "send_all_with_some_disabled_per_cpu", send_all_with_some_disabled_per_cpu },
		{ "send_all_with_some_disabled_single", send_all_with_some_disabled_single },
		{ "self_ipi_waits_for_unmask_per_cpu", self_ipi_waits_for_unmask_per_cpu },
		{ "self_ipi_waits_for_unmask_single", self_ipi_waits_for_unmask_single },
		{ "free_and_request_again_per_cpu", free_and_request_again_per_cpu },
		{ "free_and_request_again_single", free_and_request_again_single },
		{ "destroyed_ipi_does_not_leak_per_cpu", destroyed_ipi_does_not_leak_per_cpu },
		{ "destroyed_ipi_does_not_leak_single", destroyed_ipi_does_not_leak_single },
	};

	return e2e_run("e2e_masking", cases, ARRAY_SIZE(cases), argc, argv);
}
