//! `from_code`, `from_name`, `Display` and `Category::of` against the obvious
//! alternatives, in one run so the ratios compare like with like.
//!
//! `cargo bench --bench lookup`; each measurement is one pass over its input,
//! so ns per lookup = the reported time / the input's length (criterion prints
//! the throughput in elements per second too).

mod baselines;

use std::collections::HashMap;
use std::fmt::Write;
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use liveroom_errors::{Category, ErrorCode};

/// A small deterministic generator, so every run measures the same inputs.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, (self.next() % (i as u64 + 1)) as usize);
        }
    }
}

/// Codes next to real ones, and the extremes.
fn near_misses(rng: &mut XorShift, count: usize) -> Vec<u32> {
    let mut misses = vec![203011, 207007, 0, u32::MAX, 200099, 201010, 208000, 1];
    while misses.len() < count {
        let near = ErrorCode::ALL[(rng.next() % ErrorCode::COUNT as u64) as usize].value()
            + 1
            + (rng.next() % 50) as u32;
        if ErrorCode::from_code(near).is_none() {
            misses.push(near);
        }
    }
    misses
}

fn code_inputs() -> Vec<(&'static str, Vec<u32>)> {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut known: Vec<u32> = ErrorCode::ALL.iter().map(|c| c.value()).collect();
    rng.shuffle(&mut known);
    let mut mixed: Vec<u32> = known
        .iter()
        .copied()
        .chain(near_misses(&mut rng, ErrorCode::COUNT))
        .collect();
    rng.shuffle(&mut mixed);
    let random: Vec<u32> = (0..4096)
        .map(|_| mixed[(rng.next() % mixed.len() as u64) as usize])
        .collect();
    vec![
        ("known_shuffled", known),
        ("mixed_50_50", mixed),
        ("random_4096", random),
    ]
}

type Group<'a> = criterion::BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// One pass of `lookup` over `input`, monomorphized so every candidate can be inlined alike.
fn bench_codes(
    group: &mut Group<'_>,
    name: &str,
    input: &[u32],
    lookup: impl Fn(u32) -> Option<ErrorCode>,
) {
    group.bench_function(BenchmarkId::from_parameter(name), |b| {
        b.iter(|| {
            let mut sum = 0u32;
            for &code in black_box(input) {
                sum = sum.wrapping_add(lookup(code).map_or(1, ErrorCode::value));
            }
            sum
        })
    });
}

fn bench_names(
    group: &mut Group<'_>,
    name: &str,
    input: &[String],
    lookup: impl Fn(&str) -> Option<ErrorCode>,
) {
    group.bench_function(BenchmarkId::from_parameter(name), |b| {
        b.iter(|| {
            let mut sum = 0u32;
            for name in black_box(input) {
                sum = sum.wrapping_add(lookup(name).map_or(1, ErrorCode::value));
            }
            sum
        })
    });
}

fn from_code(c: &mut Criterion) {
    let map: HashMap<u32, ErrorCode> = ErrorCode::ALL.iter().map(|&c| (c.value(), c)).collect();
    let sorted: Vec<(u32, ErrorCode)> = ErrorCode::ALL.iter().map(|&c| (c.value(), c)).collect();
    let binary_search = |code: u32| {
        sorted
            .binary_search_by_key(&code, |&(n, _)| n)
            .ok()
            .map(|i| sorted[i].1)
    };
    for (input_name, input) in code_inputs() {
        let mut group = c.benchmark_group(format!("from_code/{input_name}"));
        group.throughput(Throughput::Elements(input.len() as u64));
        bench_codes(&mut group, "crate", &input, ErrorCode::from_code);
        bench_codes(&mut group, "match", &input, baselines::code_match);
        bench_codes(&mut group, "hashmap", &input, |code| {
            map.get(&code).copied()
        });
        bench_codes(&mut group, "binary_search", &input, binary_search);
        group.finish();
    }
}

fn name_forms(code: ErrorCode) -> Vec<String> {
    let snake: String = code
        .name()
        .chars()
        .enumerate()
        .flat_map(|(i, ch)| {
            let underscore = (i > 0 && ch.is_ascii_uppercase()).then_some('_');
            underscore.into_iter().chain([ch.to_ascii_lowercase()])
        })
        .collect();
    let mut forms = vec![
        code.name().to_ascii_lowercase(),
        snake.to_ascii_uppercase(),
        snake,
    ];
    forms.extend(code.sdk_name().map(str::to_owned));
    forms
}

fn from_name(c: &mut Criterion) {
    let exact: Vec<String> = ErrorCode::ALL.iter().map(|c| c.name().to_owned()).collect();
    let other: Vec<String> = ErrorCode::ALL.into_iter().flat_map(name_forms).collect();
    let misses: Vec<String> = [
        "MemberNotInRom",
        "NoSuchCode",
        "ERROR_CODE_NOPE",
        "x",
        "member_not_in_rooms",
        "203010",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let every_form: HashMap<&str, ErrorCode> = ErrorCode::ALL
        .iter()
        .map(|c| (c.name(), *c))
        .chain(
            ErrorCode::ALL
                .iter()
                .zip(ErrorCode::ALL.map(name_forms))
                .flat_map(|(c, forms)| forms.into_iter().map(move |f| (&*f.leak(), *c))),
        )
        .collect();
    for (input_name, input) in [
        ("exact", &exact),
        ("other_forms", &other),
        ("misses", &misses),
    ] {
        let mut group = c.benchmark_group(format!("from_name/{input_name}"));
        group.throughput(Throughput::Elements(input.len() as u64));
        bench_names(&mut group, "crate", input, ErrorCode::from_name);
        if input_name != "other_forms" {
            bench_names(&mut group, "match", input, baselines::name_match);
        }
        bench_names(&mut group, "phf", input, baselines::name_phf);
        bench_names(&mut group, "hashmap", input, |name| {
            every_form.get(name).copied()
        });
        group.finish();
    }
}

fn display(c: &mut Criterion) {
    let mut group = c.benchmark_group("display");
    group.throughput(Throughput::Elements(ErrorCode::COUNT as u64));
    let mut buffer = String::with_capacity(256);
    group.bench_function("zh", |b| {
        b.iter(|| {
            for code in black_box(ErrorCode::ALL) {
                buffer.clear();
                write!(buffer, "{code}").unwrap();
            }
            buffer.len()
        })
    });
    group.bench_function("en", |b| {
        b.iter(|| {
            for code in black_box(ErrorCode::ALL) {
                buffer.clear();
                write!(buffer, "{}", code.display_en()).unwrap();
            }
            buffer.len()
        })
    });
    group.finish();

    let codes = &code_inputs()[2].1;
    let mut group = c.benchmark_group("category_of");
    group.throughput(Throughput::Elements(codes.len() as u64));
    group.bench_function("random_4096", |b| {
        b.iter(|| {
            black_box(codes)
                .iter()
                .filter(|&&code| Category::of(code).is_some())
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, from_code, from_name, display);
criterion_main!(benches);
