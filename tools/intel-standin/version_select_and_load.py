#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A stand-in for Intel's version_select_and_load.py (2026 generation).

Not Intel's tool: a script written from what the workbench's facts say
that tool does (../shared/docs/tdx-real-platform-facts.md, section 7), so
that 'make test' can exercise the plumbing of 'make intel-demo' (Python in
the guest, the 'cpuid' stand-in, a repository-like directory) without
Intel's repository.  Its mapping_file.json format is its own:

    {"updates": {"1.5.06": "1.5.44", ...}}   running version -> next one

Run as root from the directory holding mapping_file.json and
joined_files/<major.minor>/tdx_module_<x.y.z>.blob:

    version_select_and_load.py --list      what there is, and for this CPU
    version_select_and_load.py --update    update to the mapped version
"""

import argparse
import glob
import json
import os
import sys
import time

import cpuid

TDX_HOST = "/sys/devices/faux/tdx_host"
FIRMWARE_PATH = "/sys/class/firmware/seamldr_upload"
SIGSTRUCT = 0x1000
MODULE_TYPE = SIGSTRUCT + 12
CPUID_COUNT = SIGSTRUCT + 1024
CPUID_TABLE = SIGSTRUCT + 1028
DEBUG = 1 << 31
STEPPING = 0xF


def read(path):
    with open(path) as f:
        return f.read().strip()


def write(path, data):
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def blob_path(version):
    major_minor = ".".join(version.split(".")[:2])
    return os.path.join("joined_files", major_minor, "tdx_module_%s.blob" % version)


def blob_info(path):
    """(debug, CPUID.1.EAX values listed) from an image's sigstruct"""
    with open(path, "rb") as f:
        data = f.read()
    module_type = int.from_bytes(data[MODULE_TYPE:MODULE_TYPE + 4], "little")
    count = int.from_bytes(data[CPUID_COUNT:CPUID_COUNT + 4], "little")
    table = [int.from_bytes(data[CPUID_TABLE + 4 * i:CPUID_TABLE + 4 * i + 4], "little")
             for i in range(min(count, 255))]
    return bool(module_type & DEBUG), table


def cpu_fms():
    return cpuid.cpuid(1)[0] & ~STEPPING


def supports_cpu(table):
    return any((fms & ~STEPPING) == cpu_fms() for fms in table)


def do_list():
    print("Intel TDX module: %s" % read(TDX_HOST + "/version"))
    print("P-SEAMLDR: %s" % read(TDX_HOST + "/seamldr/version"))
    print("CPU signature: %#x" % cpu_fms())
    for path in sorted(glob.glob("joined_files/*/tdx_module_*.blob")):
        version = os.path.basename(path)[len("tdx_module_"):-len(".blob")]
        debug, table = blob_info(path)
        state = "debug module" if debug else \
            ("supports this CPU" if supports_cpu(table) else "not for this CPU")
        print("  %s  %s" % (version, state))
    return 0


def do_update():
    current = read(TDX_HOST + "/version")
    read(TDX_HOST + "/seamldr/version")
    try:
        remaining = int(read(TDX_HOST + "/num_remaining_updates"))
    except (OSError, ValueError):
        remaining = 0
    if not remaining:
        print("No remaining Intel TDX module updates available. Skipping update.")
        return 0
    if read("/sys/devices/system/cpu/online") != read("/sys/devices/system/cpu/present"):
        print("Not all CPUs are online. Skipping update.")
        return 0

    with open("mapping_file.json") as f:
        target = json.load(f)["updates"].get(current)
    if not target:
        print("No update listed for Intel TDX module %s." % current)
        return 0
    path = blob_path(target)
    debug, table = blob_info(path)
    if debug or not supports_cpu(table):
        print("Intel TDX module %s is not for this CPU. Skipping update." % target)
        return 0

    with open(path, "rb") as f:
        image = f.read()
    write(FIRMWARE_PATH + "/loading", "1")
    write(FIRMWARE_PATH + "/data", image)
    write(FIRMWARE_PATH + "/loading", "0")
    deadline = time.monotonic() + 10
    while read(FIRMWARE_PATH + "/status") != "idle":
        if time.monotonic() > deadline:
            print("Update of the Intel TDX module timed out.")
            return 1
        time.sleep(0.1)
    error = read(FIRMWARE_PATH + "/error")
    if error:
        print("Failed to update the Intel TDX module: %s" % error)
        return 1
    print("Upgrade Intel TDX module from %s to %s" % (current, read(TDX_HOST + "/version")))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--list", action="store_true")
    group.add_argument("--update", action="store_true")
    args = parser.parse_args()
    return do_list() if args.list else do_update()


if __name__ == "__main__":
    sys.exit(main())
