/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "libvirt_anchor.h"

#include <libvirt/libvirt.h>
#include <time.h>

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

double anchor_seq_lib_version(const char *uri, int n)
{
    virConnectPtr conn = virConnectOpen(uri);
    if (!conn)
        return -1;
    unsigned long version = 0;
    const double start = now_us();
    for (int i = 0; i < n; ++i)
        if (virConnectGetLibVersion(conn, &version) < 0)
            break;
    const double per = (now_us() - start) / n;
    virConnectClose(conn);
    return per;
}

double anchor_seq_domain_get_info(const char *uri, const char *domain, int n)
{
    virConnectPtr conn = virConnectOpen(uri);
    if (!conn)
        return -1;
    virDomainPtr dom = virDomainLookupByName(conn, domain);
    if (!dom) {
        virConnectClose(conn);
        return -1;
    }
    virDomainInfo info;
    const double start = now_us();
    for (int i = 0; i < n; ++i)
        if (virDomainGetInfo(dom, &info) < 0)
            break;
    const double per = (now_us() - start) / n;
    virDomainFree(dom);
    virConnectClose(conn);
    return per;
}
