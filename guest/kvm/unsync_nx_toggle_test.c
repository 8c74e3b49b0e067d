// SPDX-License-Identifier: GPL-2.0
/*
 * A guest that makes KVM rebuild a writable leaf SPTE on top of a writable
 * one, for the workbench's count of mmu_try_to_unsync_pages() calls.
 *
 * The guest maps the page table page that holds the PTE of a data page,
 * then NR_TOGGLES times: writes the data page (its SPTE is writable), flips
 * the NX bit of its PTE, INVLPGs the data page and reads it back.  With
 * shadow paging (kvm_amd npt=0), the first write to the page table makes
 * its shadow page unsync, and each INVLPG then synchronizes the data
 * page's SPTE, whose protections changed: FNAME(sync_spte) calls
 * make_spte() with the old SPTE writable.  That is where Linux 7.1.8 skips
 * mmu_try_to_unsync_pages() and where "KVM: x86/mmu: Don't check old SPTE
 * permissions when trying to unsync" calls it, so each toggle adds one call
 * with the patch and none without it.  With NPT the guest's page tables are
 * not shadowed, and the test only checks that the guest sees its data.
 *
 * Not part of any series: built by scripts/kvm-selftest-build.sh against
 * the tree's KVM selftest library (guest/kvm/wb.mk).
 */
#include "test_util.h"
#include "kvm_util.h"
#include "processor.h"

#define NR_TOGGLES	1000
#define PTE_NX_BIT	BIT_ULL(63)

static gva_t data_gva;
static gva_t pte_gva;

static void guest_code(void)
{
	volatile u64 *pte = (volatile u64 *)pte_gva;
	volatile u64 *data = (volatile u64 *)data_gva;
	u64 i;

	for (i = 0; i < NR_TOGGLES; i++) {
		*data = i;
		*pte ^= PTE_NX_BIT;
		asm volatile("invlpg (%0)" : : "r"(data_gva) : "memory");
		GUEST_ASSERT_EQ(*data, i);
	}
	GUEST_DONE();
}

int main(int argc, char *argv[])
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct ucall uc;
	gpa_t pte_gpa;
	u64 *pte;

	vm = vm_create_with_one_vcpu(&vcpu, guest_code);

	data_gva = vm_alloc_page(vm);
	pte = vm_get_pte(vm, data_gva);
	TEST_ASSERT(*pte & BIT_ULL(1), "data page is not mapped writable");
	pte_gpa = addr_hva2gpa(vm, pte);

	/* Map the page table page itself, so that the guest can edit it. */
	pte_gva = vm_unused_gva_gap(vm, PAGE_SIZE, KVM_UTIL_MIN_VADDR);
	virt_pg_map(vm, pte_gva, pte_gpa & PAGE_MASK);
	pte_gva += pte_gpa & ~PAGE_MASK;

	sync_global_to_guest(vm, data_gva);
	sync_global_to_guest(vm, pte_gva);

	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_IO);
	switch (get_ucall(vcpu, &uc)) {
	case UCALL_ABORT:
		REPORT_GUEST_ASSERT(uc);
		break;
	case UCALL_DONE:
		break;
	default:
		TEST_FAIL("unexpected ucall %lu", uc.cmd);
	}

	pr_info("%d NX toggles of a writable PTE, each followed by INVLPG (TDP %s)\n",
		NR_TOGGLES, kvm_is_tdp_enabled() ? "on" : "off");
	kvm_vm_free(vm);
	return 0;
}
