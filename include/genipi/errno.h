/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Error numbers returned (negated) by genipi, with the Linux values, so the
 * freestanding core needs no libc <errno.h>.
 */
#ifndef GENIPI_ERRNO_H
#define GENIPI_ERRNO_H

#ifndef ENOENT
#define ENOENT 2
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif
#ifndef EBUSY
#define EBUSY 16
#endif
#ifndef EEXIST
#define EEXIST 17
#endif
#ifndef ENODEV
#define ENODEV 19
#endif
#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef ENOSPC
#define ENOSPC 28
#endif
#ifndef ETIMEDOUT
#define ETIMEDOUT 110
#endif

#endif /* GENIPI_ERRNO_H */
