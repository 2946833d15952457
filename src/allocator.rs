//! The binary's memory allocator: mimalloc (about 1.5 times the throughput
//! of the system allocator here: the pipeline makes and drops small values on
//! five threads; see benches/throughput.sh), built without transparent huge
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
