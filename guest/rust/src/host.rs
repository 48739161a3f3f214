//! Host calls: `li t0, SLOT; ecall`, which the translator turns into
//! `ecalli SLOT` (kernel-abi: slot 0 is REPLY, 1..=28 are protocol caps).
//! Arguments go in a0..a3 (φ7..φ10) and a5 (φ12, the "data cap" slot);
//! results come back in a0 and a1 (φ7, φ8).

/// The GAS protocol cap: returns the gas left.
pub const GAS: u8 = 1;

/// Makes host call `SLOT` (0..=127, checked at compile time) and returns
/// (a0, a1).
///
/// # Safety
/// The host may read and write guest memory named by the arguments, or
/// never return (slot 0 is REPLY); the caller must uphold what the called
/// capability expects.
#[inline(always)]
pub unsafe fn call<const SLOT: u8>(a0: u64, a1: u64, a2: u64, a3: u64, a5: u64) -> (u64, u64) {
    const { assert!(SLOT <= 127, "host call slot must be 0..=127") };
    // SAFETY: forwarded to the caller.
    unsafe { imp::call::<SLOT>(a0, a1, a2, a3, a5) }
}

/// The gas left (host call GAS). Natively a fake counter that starts at
/// 100,000,000 and drops by 10 per call, as in the C runtime.
#[inline(always)]
pub fn gas() -> u64 {
    // SAFETY: GAS reads no guest memory.
    unsafe { call::<GAS>(0, 0, 0, 0, 0).0 }
}

#[cfg(target_env = "javm")]
mod imp {
    #[inline(always)]
    pub(super) unsafe fn call<const SLOT: u8>(
        a0: u64,
        a1: u64,
        a2: u64,
        a3: u64,
        a5: u64,
    ) -> (u64, u64) {
        let (r0, r1);
        // `li t0, SLOT` must directly precede the ecall: it is the form the
        // translator reads the slot from.
        // SAFETY: forwarded to the caller of `host::call`.
        unsafe {
            core::arch::asm!(
                "li t0, {slot}",
                "ecall",
                slot = const SLOT,
                inlateout("a0") a0 => r0,
                inlateout("a1") a1 => r1,
                in("a2") a2,
                in("a3") a3,
                in("a5") a5,
                clobber_abi("C"),
            );
        }
        (r0, r1)
    }
}

#[cfg(not(target_env = "javm"))]
mod imp {
    use core::sync::atomic::{AtomicU64, Ordering};

    static GAS_LEFT: AtomicU64 = AtomicU64::new(100_000_000);

    pub(super) unsafe fn call<const SLOT: u8>(
        _a0: u64,
        _a1: u64,
        _a2: u64,
        _a3: u64,
        _a5: u64,
    ) -> (u64, u64) {
        if SLOT == super::GAS {
            (GAS_LEFT.fetch_sub(10, Ordering::Relaxed) - 10, 0)
        } else {
            (0, 0)
        }
    }
}
