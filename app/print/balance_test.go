package print

import (
	"math/rand/v2"
	"testing"
)

// The search of balance finds the lowest height that trying every way of
// sharing the em among four columns finds, for rows of random texts.
func TestBalanceFindsTheLowest(t *testing.T) {
	for seed := range uint64(8) {
		rng := rand.New(rand.NewPCG(seed, 19))
		const cols, rows, n = 4, 60, 40
		s := shares{least: []int{2, 2, 2, 2}, fixed: make([]int, rows), paras: make([][][]float64, cols), lines: make([][][]int32, cols)}
		total := make([]float64, cols)
		for g := range cols {
			s.paras[g] = make([][]float64, rows)
			for i := range rows {
				for range 1 + rng.IntN(2) {
					w := float64(rng.IntN(10 * (g + 1)))
					s.paras[g][i] = append(s.paras[g][i], w)
					total[g] += w
				}
			}
		}
		for i := range rows {
			s.fixed[i] = 1 + rng.IntN(3)
		}
		ems := make([]int, cols)
		s.start(ems, total, n)
		first := s.height(ems)
		s.search(ems)
		got := s.height(ems)
		if sum := ems[0] + ems[1] + ems[2] + ems[3]; sum != n {
			t.Fatalf("seed %d: %d em shared, not %d: %d", seed, sum, n, ems)
		}
		low := got
		for a := 2; a <= n-6; a++ {
			for b := 2; a+b <= n-4; b++ {
				for c := 2; a+b+c <= n-2; c++ {
					low = min(low, s.height([]int{a, b, c, n - a - b - c}))
				}
			}
		}
		if got != low || got > first {
			t.Errorf("seed %d: search gives %d lines (%d em), every way %d, the start %d", seed, got, ems, low, first)
		}
	}
}
