# SPDX-License-Identifier: GPL-2.0
"""Stand-in for the 'cpuid' Python module Intel's update tool imports.

Only for the software TDX platform in the test VM, where the CPU QEMU's
TCG emulates is not the one a TDX module is built for: CPUID leaf 0 says
GenuineIntel and leaf 1's EAX is the platform's CPU signature, what the
software P-SEAMLDR's SEAMLDR.SEAMINFO reports (its debugfs state; else
"tdx_emu_fms=" of the kernel command line); every other leaf and register
reads 0.  It offers the entry points of the two 'cpuid' packages on PyPI: a function
cpuid(leaf, subleaf=0) and a callable class CPUID, returning
(eax, ebx, ecx, edx), plus cpu_vendor() and cpu_name().  Anything else
fails with a message naming what the tool asked for.
"""

_VENDOR = b"GenuineIntel"


def _fms():
    try:
        with open("/sys/kernel/debug/tdx_emu/state") as f:
            for line in f:
                if line.startswith("platform_fms: "):
                    return int(line.split()[1], 0)
    except OSError:
        pass
    with open("/proc/cmdline") as f:
        for word in f.read().split():
            if word.startswith("tdx_emu_fms="):
                return int(word.split("=", 1)[1], 0)
    raise RuntimeError("cpuid stand-in: no platform_fms in tdx_emu's debugfs state, "
                       "no tdx_emu_fms= on the kernel command line")


def cpuid(leaf, subleaf=0):
    if leaf == 0:
        b, d, c = (int.from_bytes(_VENDOR[i:i + 4], "little") for i in (0, 4, 8))
        return (1, b, c, d)
    if leaf == 1:
        return (_fms(), 0, 0, 0)
    return (0, 0, 0, 0)


class CPUID:
    def __call__(self, leaf, subleaf=0):
        return cpuid(leaf, subleaf)


def cpu_vendor():
    return _VENDOR.decode()


def cpu_name():
    return "software TDX platform (CPUID.1.EAX %#x)" % _fms()


def __getattr__(name):
    raise AttributeError("the workbench's cpuid stand-in (guest/lib/cpuid.py) has no '%s'" % name)
