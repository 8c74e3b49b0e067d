# SPDX-License-Identifier: GPL-2.0
# Read after the tree's tools/testing/selftests/kvm/Makefile, in that
# directory (make -C .../kvm -f Makefile -f .../guest/kvm/wb.mk):
#  - every test is linked statically, as the VM has no C library;
#  - the workbench's own workloads (guest/kvm/*_test.c) are built against
#    the tree's KVM selftest library, into $(OUTPUT)/wb/.
WB_KVM_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))

LDLIBS += -static

$(OUTPUT)/wb/%: $(WB_KVM_DIR)/%.c $(LIBKVM_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH) $< $(LIBKVM_OBJS) $(LDLIBS) -o $@
