//! The binary's memory allocator: mimalloc (about 1.5 times the throughput
//! of the system allocator here: the pipeline makes and drops small values on
//! four threads; see benches/throughput.sh), built without transparent huge
//! pages, which would put 2 MiB under every small heap.
//!
//! The `mimalloc` crate asks for every block through mimalloc's aligned API,
//! whose fast path needs a free block already in the page: otherwise a block
//! whose size is not a power of two goes through over-allocation (2% of
//! summary's instructions). Every mimalloc block is aligned to a machine word,
//! so for word alignment or less this calls the plain API instead.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys::{mi_free, mi_malloc, mi_realloc, mi_zalloc};
use mimalloc::MiMalloc;

/// The alignment every mimalloc block has.
const WORD: usize = std::mem::size_of::<usize>();

pub struct Allocator;

// SAFETY: mimalloc's plain API returns blocks aligned to at least a word (its
// block sizes are whole words), so layouts aligned to a word or less are
// served correctly; stricter ones go to `MiMalloc`, which uses the aligned API.
// Every block, however made, is freed by `mi_free`.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            unsafe { mi_malloc(layout.size()).cast() }
        } else {
            unsafe { MiMalloc.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            unsafe { mi_zalloc(layout.size()).cast() }
        } else {
            unsafe { MiMalloc.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        unsafe { mi_free(ptr.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            unsafe { mi_realloc(ptr.cast::<c_void>(), new_size).cast() }
        } else {
            unsafe { MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

/// mimalloc's `mi_option_purge_delay` (v3's `mimalloc.h`; the crate is pinned).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Memory freed on one thread is given back to the system at once instead of
/// after mimalloc's 10 ms delay: batches are made on one thread and freed on
/// another, and with the delay peak memory grows from ~26 MB to ~40 MB for no
/// measurable speed.
pub fn return_freed_memory_at_once() {
    // SAFETY: called first thing in `main`, before any other thread exists
    // (mimalloc's option setters are not thread safe); 15 is the option's
    // index in the bundled mimalloc v3, and 0 is a valid delay.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}
