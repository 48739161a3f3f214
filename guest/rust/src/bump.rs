//! A bump allocator over a static array, for guests that use `alloc`
//! (`Vec`, `Box`, ...). Allocation moves a cursor up; only the most recent
//! allocation can be given back or resized in place, which is what a `Vec`
//! that grows, or a temporary that dies young, needs. Running out of space
//! returns null, and `alloc` then panics (a PVM trap on JAVM).

use core::alloc::{GlobalAlloc, Layout};
use core::cell::{Cell, UnsafeCell};
use core::ptr;

pub struct BumpAllocator<const N: usize> {
    heap: UnsafeCell<[u8; N]>,
    /// Bytes of `heap` handed out (including alignment padding).
    used: Cell<usize>,
}

// SAFETY: guests run on one thread; nothing else touches the heap.
unsafe impl<const N: usize> Sync for BumpAllocator<N> {}

impl<const N: usize> BumpAllocator<N> {
    pub const fn new() -> Self {
        Self { heap: UnsafeCell::new([0; N]), used: Cell::new(0) }
    }

    fn base(&self) -> *mut u8 {
        self.heap.get().cast()
    }

    /// Offset of `ptr` in the heap.
    fn offset(&self, ptr: *mut u8) -> usize {
        ptr as usize - self.base() as usize
    }

    /// Is `ptr .. ptr + size` the most recent allocation?
    fn is_last(&self, ptr: *mut u8, size: usize) -> bool {
        self.offset(ptr) + size == self.used.get()
    }
}

impl<const N: usize> Default for BumpAllocator<N> {
    fn default() -> Self {
        Self::new()
    }
}

// SAFETY: every block returned lies inside `heap`, is aligned as asked, and
// does not overlap a live block: the cursor only moves below a block that
// was the last one and is given back or resized.
unsafe impl<const N: usize> GlobalAlloc for BumpAllocator<N> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let base = self.base() as usize;
        let Some(start) = (base + self.used.get()).checked_next_multiple_of(layout.align()) else {
            return ptr::null_mut();
        };
        let start = start - base;
        match start.checked_add(layout.size()) {
            Some(end) if end <= N => {
                self.used.set(end);
                self.base().wrapping_add(start)
            }
            _ => ptr::null_mut(),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if self.is_last(ptr, layout.size()) {
            self.used.set(self.offset(ptr));
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if self.is_last(ptr, layout.size()) && self.offset(ptr) + new_size <= N {
            self.used.set(self.offset(ptr) + new_size);
            return ptr;
        }
        // SAFETY: the caller's guarantees for `realloc` are those of the
        // default implementation.
        unsafe {
            let new = self.alloc(Layout::from_size_align_unchecked(new_size, layout.align()));
            if !new.is_null() {
                ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}
