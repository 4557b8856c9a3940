// SPDX-License-Identifier: BSD-2-Clause
/*
 * The architecture side of the aarch64-virt port (<genipi/baremetal.h>):
 * interrupt masking with DAIF.I, the PL011 console, PSCI for starting
 * CPUs and for the exit, the DTB, each CPU's thread-local block, and the
 * report of an unexpected exception. start.S and vectors.S hold the rest.
 */
#include <genipi/aarch64-sysreg.h>
#include <genipi/aarch64-virt.h>
#include <genipi/baremetal.h>
#include <genipi/errno.h>
#include <genipi/io.h>
#include <genipi/irqchip.h>
#include <genipi/percpu.h>

#include <libfdt.h>
#include <string.h>

/* PSTATE.I in DAIF: IRQs masked. */
#define DAIF_I BIT(7)

/* PL011: data register, flag register and its transmit-FIFO-full bit. */
#define PL011_DR 0x000
#define PL011_FR 0x018
#define PL011_FR_TXFF BIT(5)

/* PSCI 0.2+ function ids (SMC64 for those taking addresses) and return codes. */
#define PSCI_CPU_ON_64 0xc4000003UL
#define PSCI_AFFINITY_INFO_64 0xc4000004UL
#define PSCI_SYSTEM_OFF 0x84000008UL
#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_ON_PENDING (-5)
#define PSCI_INVALID_ADDRESS (-9)

enum psci_conduit {
	PSCI_CONDUIT_NONE,
	PSCI_CONDUIT_HVC,
	PSCI_CONDUIT_SMC,
};

/* From the DT's /psci "method"; set by the boot CPU before any other runs. */
static enum psci_conduit psci_conduit;

/* ---- per-CPU register, interrupts, console ---------------------------------- */

unsigned int smp_processor_id(void)
{
	return (unsigned int)read_sysreg(tpidr_el1);
}

unsigned long arch_irq_save(void)
{
	unsigned long flags = read_sysreg(daif);

	__asm__ volatile("msr daifset, #2" : : : "memory");
	return flags;
}

void arch_irq_restore(unsigned long flags)
{
	write_sysreg(flags, daif);
}

bool arch_irqs_disabled(void)
{
	return read_sysreg(daif) & DAIF_I;
}

void arch_irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" : : : "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" : : : "memory");
}

/* wfi wakes on a pending interrupt even with PSTATE.I set: the caller's unmask takes it. */
void arch_wait_for_interrupt(void)
{
	__asm__ volatile("wfi" : : : "memory");
}

/* yield: under single-threaded TCG it also ends this vCPU's time slice. */
void arch_cpu_relax(void)
{
	__asm__ volatile("yield" : : : "memory");
}

void arch_console_putc(char c)
{
	void __iomem *uart = ioremap(AARCH64_VIRT_UART_BASE, 0x1000);

	while (readl((char __iomem *)uart + PL011_FR) & PL011_FR_TXFF)
		arch_cpu_relax();
	writel((uint32_t)(unsigned char)c, (char __iomem *)uart + PL011_DR);
}

/* ---- PSCI ------------------------------------------------------------------- */

/*
 * One PSCI call through the conduit (SMC Calling Convention: function id
 * in x0, arguments in x1-x3, result in x0; x4-x17 may be clobbered by
 * callees older than SMCCC 1.1).
 */
static long psci_call(unsigned long fn, unsigned long a1, unsigned long a2, unsigned long a3)
{
	register unsigned long x0 __asm__("x0") = fn;
	register unsigned long x1 __asm__("x1") = a1;
	register unsigned long x2 __asm__("x2") = a2;
	register unsigned long x3 __asm__("x3") = a3;

	if (psci_conduit == PSCI_CONDUIT_HVC)
		__asm__ volatile("hvc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
				   "x14", "x15", "x16", "x17", "memory");
	else if (psci_conduit == PSCI_CONDUIT_SMC)
		__asm__ volatile("smc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
				   "x14", "x15", "x16", "x17", "memory");
	else
		return PSCI_NOT_SUPPORTED;
	return (long)x0;
}

/* The conduit from the /psci node's "method" ("hvc" or "smc"). */
static enum psci_conduit psci_find_conduit(const void *fdt)
{
	int node = fdt_path_offset(fdt, "/psci");
	const char *method;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
	if (node < 0)
		return PSCI_CONDUIT_NONE;
	method = fdt_getprop(fdt, node, "method", NULL);
	if (method && !strcmp(method, "hvc"))
		return PSCI_CONDUIT_HVC;
	if (method && !strcmp(method, "smc"))
		return PSCI_CONDUIT_SMC;
	return PSCI_CONDUIT_NONE;
}

int arch_cpu_start(unsigned int cpu, unsigned long hwid)
{
	long ret;

	if (cpu == 0 || cpu >= NR_CPUS)
		return -EINVAL;
	if (psci_conduit == PSCI_CONDUIT_NONE)
		return -ENODEV;
	/* the CPU enters with MMU off, x0 = context id = its index (start.S) */
	ret = psci_call(PSCI_CPU_ON_64, hwid, (uintptr_t)arch_secondary_entry, cpu);
	switch (ret) {
	case PSCI_SUCCESS:
		return 0;
	case PSCI_ALREADY_ON:
	case PSCI_ON_PENDING:
		return -EBUSY;
	case PSCI_INVALID_PARAMETERS:
	case PSCI_INVALID_ADDRESS:
		return -EINVAL;
	default: /* NOT_SUPPORTED, DENIED, INTERNAL_FAILURE, ... */
		return -ENODEV;
	}
}

void arch_cpu_report(unsigned int cpu, unsigned long hwid)
{
	/* AFFINITY_INFO, lowest affinity level: 0 on, 1 off, 2 on pending */
	long state = psci_call(PSCI_AFFINITY_INFO_64, hwid, 0, 0);

	baremetal_printf("genipi: CPU %u: PSCI AFFINITY_INFO of MPIDR %#lx: %ld\n", cpu, hwid,
			 state);
}

/* The verdict line is printed already: switch the machine off, QEMU exits 0. */
void arch_exit(int status)
{
	(void)status;
	arch_irq_disable();
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	/* no conduit, or PSCI refused: nothing else can stop QEMU (the runner's timeout will) */
	for (;;)
		arch_wait_for_interrupt();
}

/* ---- thread-local storage --------------------------------------------------- */

/* The TLS template (linker.ld) and each CPU's block. */
extern const char __tdata_start[], __tdata_end[], __tbss_start[], __tbss_end[];
extern const char __tls_align[];
static _Alignas(AARCH64_VIRT_TLS_ALIGN) unsigned char arch_tls[NR_CPUS][AARCH64_VIRT_TLS_SIZE];

/*
 * Give the calling CPU its copy of the thread-local variables and point
 * TPIDR_EL0 at it. AArch64 uses TLS variant 1: the thread pointer is
 * followed by a 16-byte control block, then the block itself at the
 * segment's alignment, so TPIDR_EL0 = block - max(16, alignment).
 */
static int arch_tls_init(unsigned int cpu)
{
	size_t tdata = (size_t)(__tdata_end - __tdata_start);
	size_t total = (size_t)(__tbss_end - __tdata_start);
	size_t align = (size_t)(uintptr_t)__tls_align;
	unsigned char *block = arch_tls[cpu];

	if (total > AARCH64_VIRT_TLS_SIZE || align > AARCH64_VIRT_TLS_ALIGN)
		return -ENOMEM;
	memcpy(block, __tdata_start, tdata);
	memset(block + tdata, 0, total - tdata);
	write_sysreg((uintptr_t)block - (align > 16 ? align : 16), tpidr_el0);
	return 0;
}

/* ---- entry from start.S ---------------------------------------------------- */

/*
 * The DTB. QEMU passes an ELF -kernel's DTB in no register (x0 is 0 on
 * entry: registers start at reset values; only Linux images get x0 = DTB
 * from QEMU's boot stub), and puts the blob at the start of RAM when it
 * fits below the image (linker.ld). So: x0 if it holds a DTB, else the
 * start of RAM if its magic says so.
 */
static const void *arch_find_dtb(const void *x0_dtb)
{
	const void *ram = (const void *)AARCH64_VIRT_RAM_BASE;

	if (x0_dtb && !fdt_check_header(x0_dtb))
		return x0_dtb;
	if (fdt_magic(ram) == FDT_MAGIC && !fdt_check_header(ram))
		return ram;
	return NULL;
}

void arch_primary_c(const void *x0_dtb)
{
	const void *fdt;

	if (arch_tls_init(0)) {
		baremetal_printf("genipi: FAIL (TLS template larger than its per-CPU block)\n");
		arch_exit(1);
	}
	fdt = arch_find_dtb(x0_dtb);
	if (fdt)
		psci_conduit = psci_find_conduit(fdt);
	/* baremetal_boot() reports a missing DTB */
	baremetal_boot(read_sysreg(mpidr_el1) & MPIDR_EL1_AFFINITY_MASK, fdt);
}

void arch_secondary_c(void)
{
	baremetal_cpu_mark(smp_processor_id(), BAREMETAL_CPU_ENTERED);
	/* the boot CPU checked the template fits: this cannot fail */
	arch_tls_init(smp_processor_id());
	baremetal_cpu_mark(smp_processor_id(), BAREMETAL_CPU_ARCH_READY);
	baremetal_secondary();
}

int arch_irq_init(const void *fdt)
{
	int ret = irqchip_fdt_probe(fdt, NULL, 0);

	if (ret < 0)
		return ret;
	if (ret == 0) {
		baremetal_printf("genipi: no interrupt controller with a driver in the DTB\n");
		return -ENODEV;
	}
	return 0;
}

/* ---- unexpected exceptions ------------------------------------------------- */

/*
 * The trap report goes straight to the UART, without the console lock:
 * the faulting CPU may hold it.
 */
static void trap_puts(const char *s)
{
	while (*s) {
		if (*s == '\n')
			arch_console_putc('\r');
		arch_console_putc(*s++);
	}
}

static void trap_puthex(const char *name, uint64_t val)
{
	char buf[19] = "0x";

	for (int i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(val >> (60 - 4 * i)) & 0xf];
	buf[18] = '\0';
	trap_puts(name);
	trap_puts(buf);
}

static void trap_putdec(const char *name, unsigned long val)
{
	char buf[21];
	int i = sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + val % 10);
		val /= 10;
	} while (val && i > 0);
	trap_puts(name);
	trap_puts(&buf[i]);
}

void arch_trap(unsigned long kind)
{
	static const char *const kinds[] = { "synchronous", "IRQ", "FIQ", "SError" };
	static const char *const froms[] = { "EL1 on SP_EL0", "EL1", "lower EL (AArch64)",
					     "lower EL (AArch32)" };

	trap_puts("genipi: unexpected ");
	trap_puts(kinds[kind & 3]);
	trap_puts(" exception from ");
	trap_puts(froms[(kind >> 4) & 3]);
	trap_putdec(" on CPU ", smp_processor_id());
	trap_puthex("\ngenipi: ESR_EL1 ", read_sysreg(esr_el1));
	trap_puthex(" ELR_EL1 ", read_sysreg(elr_el1));
	trap_puthex(" FAR_EL1 ", read_sysreg(far_el1));
	trap_puthex(" SPSR_EL1 ", read_sysreg(spsr_el1));
	trap_puts("\ngenipi: FAIL (exception)\n");
	arch_exit(1);
}
