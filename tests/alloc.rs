//! Lookups, accessors, `Display` into a pre-sized buffer and decoding a code
//! never touch the heap: proven with a counting global allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write;

use liveroom_errors::{Category, Code, ErrorCode, Recovery};

/// Counts the allocations of the current thread (tests run on several threads).
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards every call to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `work` and returns how many allocations it made on this thread.
fn allocations_of(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    work();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn the_counter_counts() {
    assert_eq!(
        allocations_of(|| drop(std::hint::black_box(vec![1u8; 16]))),
        1
    );
}

#[test]
fn lookups_and_accessors_do_not_allocate() {
    // Inputs prepared outside the measured closures.
    let names: Vec<String> = ErrorCode::ALL
        .iter()
        .flat_map(|c| {
            let sdk = c.sdk_name().unwrap_or("ERROR_CODE_NONE").to_owned();
            [
                c.name().to_owned(),
                c.name().to_ascii_uppercase(),
                sdk,
                format!("{}x", c.name()),
            ]
        })
        .collect();
    let codes: Vec<u32> = (199_000..209_000).chain([0, u32::MAX]).collect();
    let texts: Vec<String> = codes.iter().map(u32::to_string).collect();

    let count = allocations_of(|| {
        let mut sum = 0usize;
        for &n in &codes {
            sum += ErrorCode::from_code(n).map_or(0, |c| c.code() as usize);
            sum += usize::from(ErrorCode::try_from(n).is_ok());
            sum += Category::of(n).map_or(0, |c| c.name().len());
            sum += Code::new(n.into())
                .and_then(Code::category)
                .map_or(0, |c| c as usize);
        }
        for name in &names {
            sum += ErrorCode::from_name(name).map_or(0, |c| c.code() as usize);
            sum += usize::from(name.parse::<ErrorCode>().is_ok());
        }
        for text in &texts {
            sum += usize::from(text.parse::<ErrorCode>().is_ok());
        }
        for code in ErrorCode::ALL {
            sum += code.name().len() + code.message_zh().len() + code.message_en().len();
            sum += code.causes_zh().len()
                + code.causes_en().len()
                + code.sdk_name().map_or(0, str::len);
            sum += code.category().codes().len()
                + code.recovery().name().len()
                + code.recovery().advice().len();
            sum += usize::from(code.is_retryable()) + usize::from(code.is_documented());
        }
        for recovery in Recovery::ALL {
            sum += usize::from(recovery.name().parse::<Recovery>().is_ok());
        }
        for category in Category::ALL {
            sum += usize::from(category.name().parse::<Category>().is_ok());
        }
        std::hint::black_box(sum);
    });
    assert_eq!(count, 0);
}

#[test]
fn display_into_a_presized_buffer_does_not_allocate() {
    let mut buffer = String::with_capacity(1024);
    let count = allocations_of(|| {
        for code in ErrorCode::ALL {
            buffer.clear();
            write!(
                buffer,
                "{code} / {} / {}",
                code.display_en(),
                Code::from(code)
            )
            .unwrap();
            write!(
                buffer,
                " {} {} {}",
                code.category(),
                code.recovery(),
                Code::new(203011).unwrap()
            )
            .unwrap();
        }
    });
    assert_eq!(count, 0);
    assert!(buffer.starts_with("207006 不支持的房间类型 / 207006 Unsupported room type"));
}

#[cfg(feature = "serde")]
#[test]
fn deserializing_a_code_does_not_allocate() {
    let inputs: Vec<String> = ErrorCode::ALL
        .iter()
        .flat_map(|c| {
            [
                c.code().to_string(),
                format!("\"{}\"", c.code()),
                format!("\"{}\"", c.name()),
            ]
        })
        .chain([
            "\"ERROR_CODE_USER_NOT_IN_ROOM\"".to_owned(),
            "\"member_not_in_room\"".to_owned(),
        ])
        .collect();
    let numbers: Vec<String> = ["203011", "-1", "\"5001\"", "-9"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let count = allocations_of(|| {
        for input in &inputs {
            std::hint::black_box(serde_json::from_str::<ErrorCode>(input).unwrap());
        }
        for input in inputs
            .iter()
            .chain(&numbers)
            .filter(|i| !i.contains(char::is_alphabetic))
        {
            std::hint::black_box(serde_json::from_str::<Code>(input).unwrap());
        }
    });
    assert_eq!(count, 0);
}
