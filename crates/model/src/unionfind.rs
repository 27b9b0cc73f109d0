//! Disjoint sets over `0..n`, for the stages that group things transitively
//! (quote variants, copies, stories, aligned claims, sources). It lives
//! here because every stage depends on this crate. Each set's root is its
//! smallest member, so results do not depend on the order of unions.

#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    /// The root (smallest member) of `x`'s set.
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the sets of `a` and `b`; whether they were apart. The larger
    /// root moves under the smaller.
    pub fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        self.parent[ra.max(rb)] = ra.min(rb);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_smallest_members() {
        let mut u = UnionFind::new(5);
        assert!(u.union(4, 2));
        assert!(u.union(2, 3));
        assert!(!u.union(3, 4));
        assert_eq!([u.find(2), u.find(3), u.find(4)], [2, 2, 2]);
        assert!(u.union(1, 4));
        assert_eq!(u.find(4), 1);
        assert_eq!(u.find(0), 0);
    }
}
