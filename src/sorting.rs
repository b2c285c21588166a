//! One sort for every list the engine orders (holidays, categories, parts,
//! and each order's windows): a permutation computed through a `dyn`
//! comparator and a heapsort of our own, so that the wasm module carries a
//! single, small copy of the sorting code (the standard library's sort cost
//! about 3 KB, and a second monomorphised copy as much again). Short lists —
//! an order's handful of windows — are sorted in place by insertion, with no
//! allocation.
//!
//! Why: `docs/design.md`, "Why one heapsort?".

use std::cmp::Ordering;

/// `items` sorted by `compare` (not stable; every caller's order is total).
pub fn sorted_by<T>(items: Vec<T>, compare: &dyn Fn(&T, &T) -> Ordering) -> Vec<T> {
    let order = permutation(items.len(), &|a, b| match (items.get(a), items.get(b)) {
        (Some(x), Some(y)) => compare(x, y),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// Sorts `items` in place by `compare` (not stable; every caller's order is
/// total): by insertion when short, else through [`sorted_by`].
pub fn sort_in_place<T>(items: &mut Vec<T>, compare: &dyn Fn(&T, &T) -> Ordering) {
    const SHORT: usize = 16;
    if items.len() > SHORT {
        *items = sorted_by(std::mem::take(items), compare);
        return;
    }
    for end in 1..items.len() {
        let mut at = end;
        while let Some(before) = at.checked_sub(1) {
            let in_order = match (items.get(before), items.get(at)) {
                (Some(a), Some(b)) => compare(a, b) != Ordering::Greater,
                _ => true,
            };
            if in_order {
                break;
            }
            items.swap(before, at);
            at = before;
        }
    }
}

/// The indices `0..len` in the order `compare` gives them, by heapsort:
/// O(n log n) at worst and in place, in a few hundred bytes of the module
/// where the standard library's sort costs about 3 KB (see
/// BENCHMARKS.md, "Size").
fn permutation(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    // Lists usually come in order (a policy's holidays, a tree's names):
    // one pass then, where the heapsort would take n log n.
    let in_order = (1..len).all(|at| {
        at.checked_sub(1)
            .map_or(true, |before| compare(before, at) != Ordering::Greater)
    });
    if in_order {
        return order;
    }
    // A max-heap first, then the greatest moved to the end, one at a time.
    for root in (0..len / 2).rev() {
        sift_down(&mut order, root, len, compare);
    }
    for end in (1..len).rev() {
        order.swap(0, end);
        sift_down(&mut order, 0, end, compare);
    }
    order
}

/// Moves the index at `root` down the heap `order[..end]` until neither of
/// its children sorts after it.
fn sift_down(
    order: &mut [usize],
    mut root: usize,
    end: usize,
    compare: &dyn Fn(usize, usize) -> Ordering,
) {
    let after = |order: &[usize], a: usize, b: usize| match (order.get(a), order.get(b)) {
        (Some(&x), Some(&y)) => compare(x, y) == Ordering::Greater,
        _ => false,
    };
    loop {
        let left = root.saturating_mul(2).saturating_add(1);
        if left >= end {
            return;
        }
        let right = left.saturating_add(1);
        let child = if right < end && after(order, right, left) {
            right
        } else {
            left
        };
        if !after(order, child, root) {
            return;
        }
        order.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::sorted_by;

    #[test]
    fn sorts_any_list() {
        assert_eq!(sorted_by(vec![3, 1, 2], &|a, b| a.cmp(b)), vec![1, 2, 3]);
        assert_eq!(
            sorted_by(Vec::<u8>::new(), &|a, b| a.cmp(b)),
            Vec::<u8>::new()
        );
        let names = vec!["b".to_owned(), "a".to_owned(), "c".to_owned()];
        assert_eq!(sorted_by(names, &|a, b| b.cmp(a)), vec!["c", "b", "a"]);
    }

    #[test]
    fn sorts_in_place_short_and_long() {
        for len in [0usize, 1, 2, 5, 16, 17, 40, 1000] {
            let mut items: Vec<usize> = (0..len).map(|i| (i * 7 + 3) % (len + 1)).collect();
            let mut expected = items.clone();
            expected.sort_unstable();
            super::sort_in_place(&mut items, &|a, b| a.cmp(b));
            assert_eq!(items, expected, "{len}");
        }
    }
}
