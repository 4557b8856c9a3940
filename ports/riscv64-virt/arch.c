// SPDX-License-Identifier: BSD-2-Clause
/*
 * The architecture side of the riscv64-virt port (<genipi/baremetal.h>):
 * interrupt masking, the console, the exit, starting CPUs and probing the
 * interrupt controllers, for QEMU's virt machine in machine mode (-bios
 * none) or in supervisor mode under OpenSBI (GENIPI_RISCV_S_MODE).
 *
 * Devices at QEMU virt's fixed addresses: the ns16550a UART (console) and
 * the SiFive test device (exit). The interrupt controllers come from the
 * DTB, and so does the CLINT / ACLINT MSWI that wakes parked harts in
 * machine mode.
 */
#include "riscv-virt.h"

#include <genipi/baremetal.h>
#include <genipi/errno.h>
#include <genipi/io.h>
#include <genipi/irqchip.h>
#include <genipi/percpu.h>
#include <genipi/port.h>

#if GENIPI_RISCV_S_MODE
#include <genipi/irqchip/riscv-intc.h>
#include <genipi/irqchip/riscv-sbi-ipi.h>
#include <genipi/riscv-sbi.h>
#endif

#include <libfdt.h>

/* ns16550a UART, registers one byte apart (reg-shift 0) */
#define RISCV_UART_BASE 0x10000000UL
#define UART_THR 0	   /* transmit holding register (write) */
#define UART_LSR 5	   /* line status register */
#define UART_LSR_THRE 0x20 /* LSR bit 5: the holding register is empty */

/* SiFive test device: a 32-bit "finisher" register at offset 0 */
#define RISCV_TEST_BASE 0x100000UL
#define SIFIVE_TEST_PASS 0x5555 /* QEMU exits with status 0 */
#define SIFIVE_TEST_FAIL 0x3333 /* ... with the status in bits 31:16 */
#define SIFIVE_TEST_CODE_SHIFT 16

/* Virtual IPIs the SBI IPI multiplexer gets (as many as the CLINT's default). */
#define RISCV_SBI_NR_IPI 8

/* Zihintpause "pause" (fence w,0: a plain fence on harts without it). */
#define RISCV_PAUSE ".4byte 0x0100000f"

unsigned char riscv_cpu_stacks[NR_CPUS][RISCV_STACK_SIZE] __attribute__((aligned(16)));

/* The DTB we were given, kept by the boot CPU for arch_cpu_start(). */
static const void *riscv_fdt;

/* ---- CPU id, interrupt masking, waiting ------------------------------------- */

unsigned int smp_processor_id(void)
{
	unsigned long cpu;

	/* tp holds the CPU index from the CPU's first instruction of C (start.S) */
	__asm__("mv %0, tp" : "=r"(cpu));
	return (unsigned int)cpu;
}

unsigned long arch_irq_save(void)
{
	return csr_read_clear(CSR_STATUS, SR_IE) & SR_IE;
}

void arch_irq_restore(unsigned long flags)
{
	if (flags & SR_IE)
		csr_set(CSR_STATUS, SR_IE);
}

bool arch_irqs_disabled(void)
{
	return !(csr_read(CSR_STATUS) & SR_IE);
}

void arch_irq_enable(void)
{
	csr_set(CSR_STATUS, SR_IE);
}

void arch_irq_disable(void)
{
	csr_clear(CSR_STATUS, SR_IE);
}

/* wfi returns once an enabled interrupt is pending, even with xstatus.xIE clear. */
void arch_wait_for_interrupt(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

/*
 * A spinning CPU also gives its turn away, every RISCV_RELAX_YIELD_EVERY
 * calls. QEMU's single-threaded TCG runs the vCPUs in turn and moves on
 * when one halts or its time slice (100 ms) ends, so a CPU spinning for
 * another's progress holds everyone up for a slice; a wfi halts it, which
 * hands the turn on at once. For that wfi to return straight away, each
 * CPU keeps a local interrupt pending that nothing else uses, the relax
 * cause: machine mode sets SSIP itself (mip.SSIP is writable there);
 * supervisor mode asks the firmware for a timer at time 0, which leaves
 * STIP pending. The cause is enabled only around the wfi, with interrupts
 * masked, so it is never taken; an image therefore cannot use that cause
 * for anything else. Not every call: under multi-threaded TCG (or on
 * hardware) the wfi costs a trip out of the CPU loop, and the spin-wait
 * bounds of the callers count calls.
 */
#define RISCV_RELAX_YIELD_EVERY 16

#if GENIPI_RISCV_S_MODE
#define RISCV_RELAX_CAUSE IRQ_S_TIMER
#else
#define RISCV_RELAX_CAUSE IRQ_S_SOFT
#endif

struct riscv_relax {
	_Alignas(GENIPI_CACHE_LINE) unsigned int calls;
	bool armed; /* the relax cause is pending on this CPU */
};

/* Each CPU's own entry, touched by that CPU only. */
static struct riscv_relax riscv_relax[NR_CPUS];

/* Make the relax cause pending on the calling CPU, if it can be. */
static void riscv_relax_arm(void)
{
	struct riscv_relax *relax = &riscv_relax[smp_processor_id()];

#if GENIPI_RISCV_S_MODE
	struct sbiret ret;

	if (!sbi_probe_extension(SBI_EXT_TIME))
		return;
	ret = sbi_ecall(SBI_EXT_TIME, SBI_TIME_SET_TIMER, 0, 0, 0);
	if (ret.error)
		return;
	/* without Sstc the firmware sets STIP from its own timer interrupt: soon */
	for (unsigned int i = 0; i < 1000 && !(csr_read(CSR_IP) & BIT(RISCV_RELAX_CAUSE)); i++)
		__asm__ volatile(RISCV_PAUSE ::: "memory");
#else
	csr_set(CSR_IP, BIT(RISCV_RELAX_CAUSE));
#endif
	/* a wfi with nothing pending could sleep for good: check it stuck */
	relax->armed = csr_read(CSR_IP) & BIT(RISCV_RELAX_CAUSE);
}

void arch_cpu_relax(void)
{
	struct riscv_relax *relax = &riscv_relax[smp_processor_id()];
	unsigned long flags;

	__asm__ volatile(RISCV_PAUSE ::: "memory");
	if (!relax->armed || ++relax->calls % RISCV_RELAX_YIELD_EVERY)
		return;
	flags = arch_irq_save();
	csr_set(CSR_IE, BIT(RISCV_RELAX_CAUSE));
	__asm__ volatile("wfi" ::: "memory");
	csr_clear(CSR_IE, BIT(RISCV_RELAX_CAUSE));
	arch_irq_restore(flags);
}

/* ---- console and exit --------------------------------------------------------- */

void arch_console_putc(char c)
{
	volatile uint8_t *uart = (volatile uint8_t *)RISCV_UART_BASE;

	while (!(uart[UART_LSR] & UART_LSR_THRE))
		arch_cpu_relax();
	uart[UART_THR] = (uint8_t)c;
}

void riscv_console_puts_unlocked(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			arch_console_putc('\r');
		arch_console_putc(*s);
	}
}

void arch_exit(int status)
{
	uint32_t code = (uint32_t)status & 0xffff;
	uint32_t finish;

	if (status && !code)
		code = 1; /* a failure must not look like a pass */
	if (__atomic_load_n(&riscv_late_starts, __ATOMIC_RELAXED))
		baremetal_printf("genipi: %u hart(s) entered at the image entry instead of their "
				 "start address (a firmware race), and went on from there\n",
				 __atomic_load_n(&riscv_late_starts, __ATOMIC_RELAXED));
	finish = status ? code << SIFIVE_TEST_CODE_SHIFT | SIFIVE_TEST_FAIL : SIFIVE_TEST_PASS;
	/* writel(): every line printed before reaches the UART before QEMU stops */
	writel(finish, (void __iomem *)RISCV_TEST_BASE);
	for (;;)
		arch_wait_for_interrupt();
}

/* ---- boot --------------------------------------------------------------------- */

void riscv_boot_main(unsigned long hartid, const void *fdt)
{
	riscv_fdt = fdt;
	riscv_relax_arm();
	baremetal_boot(hartid, fdt);
}

#if GENIPI_RISCV_S_MODE

/* ---- supervisor mode: the SBI IPI and HSM ------------------------------------- */

/* The "riscv,cpu-intc" node inside the boot hart's cpu node (CPU 0), or -1. */
static int riscv_boot_intc_offset(const void *fdt)
{
	int offset = fdt_node_offset_by_compatible(fdt, -1, "riscv,cpu-intc");

	while (offset >= 0 && irqchip_fdt_cpu_of(fdt, offset) != 0)
		offset = fdt_node_offset_by_compatible(fdt, offset, "riscv,cpu-intc");
	return offset;
}

/*
 * The SBI IPI has no DT node, so no probe finds it: set it up as Linux's
 * init_IRQ() does, over the hart-local domain the probe created, and file
 * its virtual IPIs under the boot hart's cpu-intc node, where an
 * application finds them with irqchip_fdt_ipi_virqs(fdt, -1, &nr).
 */
static int riscv_sbi_ipi_setup(const void *fdt)
{
	struct irqchip_fdt_node node = {
		.fdt = fdt,
		.offset = riscv_boot_intc_offset(fdt),
	};
	struct irq_domain *intc = riscv_intc_domain();
	int virq, ret;

	if (!intc || node.offset < 0) {
		baremetal_printf("genipi: no riscv,cpu-intc domain for the boot hart\n");
		return -ENODEV;
	}
	virq = sbi_ipi_init(intc, RISCV_SBI_NR_IPI);
	if (virq < 0) {
		baremetal_printf("genipi: sbi_ipi_init: %d\n", virq);
		return virq;
	}
	ret = irqchip_fdt_set_ipi_virqs(&node, (unsigned int)virq, RISCV_SBI_NR_IPI);
	if (!ret)
		ret = irqchip_fdt_add_cpu_starting(sbi_ipi_starting_cpu);
	if (ret)
		baremetal_printf("genipi: cannot register the SBI IPIs: %d\n", ret);
	return ret;
}

int arch_cpu_start(unsigned int cpu, unsigned long hwid)
{
	struct sbiret ret;

	if (!cpu || cpu >= NR_CPUS)
		return -EINVAL;
	/*
	 * Name the hart in the mailbox too: a hart the firmware enters at
	 * _start instead of riscv_secondary_entry finds its index there
	 * (start.S, riscv_park). One start at a time: the shared code waits
	 * for each CPU to come up before it starts the next.
	 */
	riscv_start_mailbox.cpu = cpu;
	/*
	 * Release: .cpu, and what we wrote for the new CPU (per-CPU data,
	 * descriptors), before .hwid and the start request; pairs with the
	 * acquire fence in riscv_park and in riscv_secondary_main(). The
	 * ecall itself is no fence.
	 */
	__atomic_store_n(&riscv_start_mailbox.hwid, (long)hwid, __ATOMIC_RELEASE);
	ret = sbi_ecall(SBI_EXT_HSM, SBI_HSM_HART_START, hwid, (unsigned long)riscv_secondary_entry,
			cpu);
	return sbi_err_to_errno(ret.error);
}

void arch_cpu_report(unsigned int cpu, unsigned long hwid)
{
	/* SBI HSM states: 0 started, 1 stopped, 2 start pending, 3 stop pending ... */
	struct sbiret ret = sbi_ecall(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, hwid, 0, 0);

	baremetal_printf("genipi: CPU %u: SBI HSM status of hart %#lx: %ld (error %ld)\n", cpu,
			 hwid, ret.value, ret.error);
}

void riscv_secondary_main(unsigned long hartid)
{
	(void)hartid;
	baremetal_cpu_mark(smp_processor_id(), BAREMETAL_CPU_ENTERED);
	/* acquire: pairs with the release fence in arch_cpu_start() */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	riscv_relax_arm();
	baremetal_cpu_mark(smp_processor_id(), BAREMETAL_CPU_ARCH_READY);
	baremetal_secondary();
}

#else /* machine mode */

/* ---- machine mode: parked harts, woken through the CLINT / ACLINT MSWI -------- */

/* MSIP of hart h at base + 4 * h; bit 0 raises its machine software interrupt. */
#define RISCV_MSWI_MSIP(hwid) (4UL * (hwid))
#define RISCV_MSWI_MSIP_PENDING 0x1U

static const char *const riscv_mswi_compatibles[] = {
	"riscv,aclint-mswi",
	"sifive,clint0",
	"riscv,clint0",
	NULL,
};

/* The registers of the first MSWI node of @fdt (one for all harts), or 0. */
static uintptr_t riscv_mswi_find(const void *fdt)
{
	for (const char *const *compat = riscv_mswi_compatibles; *compat; compat++) {
		int offset = fdt_node_offset_by_compatible(fdt, -1, *compat);
		uint64_t addr;

		if (offset >= 0 && !irqchip_fdt_reg_at(fdt, offset, 0, &addr, NULL) &&
		    addr == (uintptr_t)addr)
			return (uintptr_t)addr;
	}
	return 0;
}

/*
 * The MSWI registers: the first matching node, as on a single-socket virt
 * machine (a multi-socket one has an MSWI per socket, each counting its
 * harts from its own base: not supported). Looked up by the boot CPU
 * before it releases the first secondary, which therefore sees it.
 */
static uintptr_t riscv_mswi_base(void)
{
	static uintptr_t base;

	if (!base && riscv_fdt)
		base = riscv_mswi_find(riscv_fdt);
	return base;
}

static void __iomem *riscv_msip(unsigned long hwid)
{
	return ioremap(riscv_mswi_base() + RISCV_MSWI_MSIP(hwid), 4);
}

int arch_cpu_start(unsigned int cpu, unsigned long hwid)
{
	if (!cpu || cpu >= NR_CPUS || hwid > (unsigned long)__LONG_MAX__)
		return -EINVAL;
	if (!riscv_mswi_base())
		return -ENODEV; /* nothing to wake the hart with */
	/*
	 * Acquire: pairs with the release fence of the last hart released
	 * (start.S): it read its .cpu before freeing the mailbox. It has,
	 * since the shared code waited for it to come up; if not, refuse.
	 */
	if (__atomic_load_n(&riscv_start_mailbox.hwid, __ATOMIC_ACQUIRE) != RISCV_NO_HART)
		return -EBUSY;
	riscv_start_mailbox.cpu = cpu;
	/*
	 * Release: .cpu, and everything we wrote for the new CPU, before
	 * .hwid names it; pairs with the acquire fence after the parked
	 * hart's load of .hwid (start.S).
	 */
	__atomic_store_n(&riscv_start_mailbox.hwid, (long)hwid, __ATOMIC_RELEASE);
	/* wake it: writel() orders the mailbox stores before the MSIP write */
	writel(RISCV_MSWI_MSIP_PENDING, riscv_msip(hwid));
	return 0;
}

void arch_cpu_report(unsigned int cpu, unsigned long hwid)
{
	baremetal_printf("genipi: CPU %u: start mailbox names hart %ld, MSIP of hart %#lx: %u\n",
			 cpu, __atomic_load_n(&riscv_start_mailbox.hwid, __ATOMIC_RELAXED), hwid,
			 readl(riscv_msip(hwid)));
}

void riscv_secondary_main(unsigned long hartid)
{
	void __iomem *msip = riscv_msip(hartid);

	baremetal_cpu_mark(smp_processor_id(), BAREMETAL_CPU_ENTERED);
	/*
	 * The wake-up left our MSIP raised: drop it before any driver enables
	 * the software interrupt, which would otherwise see an IPI nobody
	 * sent. The read-back completes the write before we go on.
	 */
	writel(0, msip);
	(void)readl(msip);
	riscv_relax_arm();
	baremetal_cpu_mark(smp_processor_id(), BAREMETAL_CPU_ARCH_READY);
	baremetal_secondary();
}

#endif /* GENIPI_RISCV_S_MODE */

/* ---- interrupt controllers ---------------------------------------------------- */

int arch_irq_init(const void *fdt)
{
	char err[160];
	int ret;

	err[0] = '\0';
	ret = irqchip_fdt_probe(fdt, err, sizeof(err));
	if (ret < 0) {
		baremetal_printf("genipi: irqchip_fdt_probe: %s (%d)\n", err, ret);
		return ret;
	}
#if GENIPI_RISCV_S_MODE
	return riscv_sbi_ipi_setup(fdt);
#else
	return 0;
#endif
}
