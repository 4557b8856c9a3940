/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Calls into the RISC-V Supervisor Binary Interface (the firmware below an
 * S-mode image: OpenSBI on QEMU virt), for the riscv64-virt port and the
 * drivers of S-mode images (irq-riscv-sbi-ipi.c).
 *
 * Calling convention (SBI specification, "Binary Encoding"): ecall with
 * the extension id in a7, the function id in a6, arguments in a0..a5;
 * the firmware returns an error code in a0 and a value in a1, and
 * preserves every other register.
 */
#ifndef GENIPI_RISCV_SBI_H
#define GENIPI_RISCV_SBI_H

#include <genipi/errno.h>
#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/* Base extension: probe_extension(eid) returns 0 if the firmware lacks it. */
#define SBI_EXT_BASE 0x10UL
#define SBI_BASE_PROBE_EXTENSION 3UL

/* IPI extension "sPI": send_ipi(hart_mask, hart_mask_base). */
#define SBI_EXT_IPI 0x735049UL
#define SBI_IPI_SEND_IPI 0UL

/* Timer extension "TIME": set_timer(stime_value), the next timer event. */
#define SBI_EXT_TIME 0x54494d45UL
#define SBI_TIME_SET_TIMER 0UL

/* Hart state management "HSM": hart_start(hartid, start_addr, opaque). */
#define SBI_EXT_HSM 0x48534dUL
#define SBI_HSM_HART_START 0UL
#define SBI_HSM_HART_GET_STATUS 2UL

/* Error codes (struct sbiret.error). */
#define SBI_SUCCESS 0L
#define SBI_ERR_FAILED (-1L)
#define SBI_ERR_NOT_SUPPORTED (-2L)
#define SBI_ERR_INVALID_PARAM (-3L)
#define SBI_ERR_DENIED (-4L)
#define SBI_ERR_INVALID_ADDRESS (-5L)
#define SBI_ERR_ALREADY_AVAILABLE (-6L)
#define SBI_ERR_ALREADY_STARTED (-7L)
#define SBI_ERR_ALREADY_STOPPED (-8L)

/* errnos beyond <genipi/errno.h> that SBI errors map to (Linux values) */
#ifndef EPERM
#define EPERM 1
#endif
#ifndef EIO
#define EIO 5
#endif

struct sbiret {
	long error;
	long value;
};

/*
 * One SBI call with up to three arguments. The "memory" clobber keeps the
 * compiler from moving memory accesses across the call: the firmware may
 * read what we wrote (and, for an IPI, another hart will).
 */
static inline struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long arg0,
				      unsigned long arg1, unsigned long arg2)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;
	struct sbiret ret;

	__asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a6), "r"(a7) : "memory");
	ret.error = (long)a0;
	ret.value = (long)a1;
	return ret;
}

/* The negative errno of an SBI error code (0 for SBI_SUCCESS). */
static inline int sbi_err_to_errno(long error)
{
	switch (error) {
	case SBI_SUCCESS:
		return 0;
	case SBI_ERR_NOT_SUPPORTED:
		return -ENODEV;
	case SBI_ERR_INVALID_PARAM:
	case SBI_ERR_INVALID_ADDRESS:
		return -EINVAL;
	case SBI_ERR_DENIED:
		return -EPERM;
	case SBI_ERR_ALREADY_AVAILABLE:
	case SBI_ERR_ALREADY_STARTED:
	case SBI_ERR_ALREADY_STOPPED:
		return -EBUSY;
	default:
		return -EIO;
	}
}

/* True if the firmware implements extension @ext (Base: probe_extension). */
static inline bool sbi_probe_extension(unsigned long ext)
{
	struct sbiret ret = sbi_ecall(SBI_EXT_BASE, SBI_BASE_PROBE_EXTENSION, ext, 0, 0);

	return !ret.error && ret.value;
}

GENIPI_END_DECLS

#endif /* GENIPI_RISCV_SBI_H */
