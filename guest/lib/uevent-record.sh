#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by busybox's netlink uevent listener (uevent_listen in tdx.sh) for
# every uevent, with the uevent's environment: for each uevent of the
# tdx_host device that reports a module update, one file in /tmp/uevents
# named after its sequence number, holding "ACTION UPDATE OLD NEW".
case "$DEVPATH" in
*/tdx_host) ;;
*) exit 0 ;;
esac
[ -n "$TDX_MODULE_UPDATE" ] || exit 0
[ -d /tmp/uevents ] || exit 0
echo "$ACTION $TDX_MODULE_UPDATE $TDX_MODULE_OLD_VERSION $TDX_MODULE_NEW_VERSION" > "/tmp/uevents/$SEQNUM"
