/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Scenarios that hold for both swipi variants, the per-CPU one (a hwirq per
 * target) and the single one (one hwirq for every target): each test
 * executable runs them on its own variant.
 */
#ifndef GENIPI_E2E_SCENARIOS_H
#define GENIPI_E2E_SCENARIOS_H

#include "e2e.h"

/* ipi_send_single() from the main thread reaches exactly its target. */
void e2e_scenario_send_single_from_main(struct e2e_machine *m, bool per_cpu);

/* ipi_send_single() from every CPU to every target, the sender included. */
void e2e_scenario_send_single_between_cpus(struct e2e_machine *m, bool per_cpu);

/* ipi_send_mask() with many masks, from the main thread and every CPU. */
void e2e_scenario_send_mask(struct e2e_machine *m, bool per_cpu);

/* ipi_send_all() from the main thread and from every CPU. */
void e2e_scenario_send_all(struct e2e_machine *m, bool per_cpu);

/* Two reservations to the same targets never trigger each other's handler. */
void e2e_scenario_reservations_independent(struct e2e_machine *m, bool per_cpu);

/*
 * irq_destroy_ipi() of a part: sends to what went away fail with -EINVAL,
 * the rest still arrives; destroying the rest frees everything; a new
 * reservation works again.
 */
void e2e_scenario_partial_destroy(struct e2e_machine *m, bool per_cpu);

/* Every CPU sends to everyone at once; every CPU handles after the last send. */
void e2e_scenario_storm(struct e2e_machine *m, bool per_cpu, bool single_each);

/*
 * Reserve until the controller's hwirqs run out (-ENOSPC); releasing one
 * reservation makes room for a new one, which works.
 */
void e2e_scenario_run_out_and_recover(struct e2e_machine *m, bool per_cpu);

/* Masking: see test_e2e_masking.c. */
void e2e_scenario_disabled_ipi_stays_pending(struct e2e_machine *m, bool per_cpu);
void e2e_scenario_send_all_with_some_disabled(struct e2e_machine *m, bool per_cpu);
void e2e_scenario_self_ipi_waits_for_unmask(struct e2e_machine *m, bool per_cpu);
void e2e_scenario_free_and_request_again(struct e2e_machine *m, bool per_cpu);
void e2e_scenario_destroyed_ipi_does_not_leak(struct e2e_machine *m, bool per_cpu);

#endif /* GENIPI_E2E_SCENARIOS_H */
