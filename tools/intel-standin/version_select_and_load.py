#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A stand-in for Intel's version_select_and_load.py, both generations.

Not Intel's tool: a script written from what the workbench knows that
tool does against the kernel (docs/facts.md, "Intel's update tool"), the
workbench's one model of it.  'make test' runs it in the guest for the
plumbing of 'make intel-demo' (Python, the 'cpuid' stand-in, a
repository-like directory) and for what each generation does against the
kernel's ABI (guest/tests/intel-tools-*.sh).

    --generation 2025   reads version and seamldr/version, checks the
                        image (debug module, this CPU), uploads
    --generation 2026   (default) also refuses when num_remaining_updates
                        (flat) is missing or 0, or a CPU is offline

Its own options, not Intel's: --generation; --image FILE (update with
that image instead of the mapping's choice); --firmware-path DIR (the
upload device, as the patched copies for Linux 7.2's tdx_module do).  Its
mapping_file.json format is its own:

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


class Skip(Exception):
    """The tool's refusal: printed, exit status 1, nothing uploaded."""


def do_update(generation, image_path, firmware):
    current = read(TDX_HOST + "/version")
    read(TDX_HOST + "/seamldr/version")
    if generation == 2026:
        try:
            remaining = int(read(TDX_HOST + "/num_remaining_updates"))
        except (OSError, ValueError):
            remaining = 0
        if not remaining:
            raise Skip("No remaining Intel TDX module updates available. Skipping update.")
        if read("/sys/devices/system/cpu/online") != read("/sys/devices/system/cpu/present"):
            raise Skip("Not all CPUs are online. Skipping update.")

    if image_path is None:
        with open("mapping_file.json") as f:
            target = json.load(f)["updates"].get(current)
        if not target:
            raise Skip("No update listed for Intel TDX module %s." % current)
        image_path = blob_path(target)
    debug, table = blob_info(image_path)
    if debug:
        raise Skip("Debug TDX module is not allowed.")
    if not supports_cpu(table):
        raise Skip("The TDX module does not support this CPU.")

    with open(image_path, "rb") as f:
        image = f.read()
    write(firmware + "/loading", "1")
    write(firmware + "/data", image)
    write(firmware + "/loading", "0")
    deadline = time.monotonic() + 10
    while read(firmware + "/status") != "idle":
        if time.monotonic() > deadline:
            raise Skip("Timed out waiting for the TDX module update.")
        time.sleep(0.1)
    error = read(firmware + "/error")
    if error:
        raise Skip("TDX module update failed: %s" % error)
    print("Upgrade Intel TDX module from %s to %s" % (current, read(TDX_HOST + "/version")))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--list", action="store_true")
    group.add_argument("--update", action="store_true")
    parser.add_argument("--generation", type=int, choices=(2025, 2026), default=2026)
    parser.add_argument("--image", help="this image instead of the mapping's choice")
    parser.add_argument("--firmware-path", default=FIRMWARE_PATH)
    args = parser.parse_args()
    if args.list:
        return do_list()
    try:
        return do_update(args.generation, args.image, args.firmware_path)
    except Skip as e:
        print(e)
        return 1


if __name__ == "__main__":
    sys.exit(main())
