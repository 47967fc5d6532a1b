import { Prng } from './prng';

const draws = (rng: Prng, n: number, draw: (r: Prng) => number): number[] =>
  Array.from({ length: n }, () => draw(rng));

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const min = (xs: readonly number[]): number => xs.reduce((a, b) => Math.min(a, b));
const max = (xs: readonly number[]): number => xs.reduce((a, b) => Math.max(a, b));

// 100,000 draws: the sample mean of an exponential or Poisson variable is then within about
// 0.3% (one standard error) of its mean, so the ±2% allowed below is over six standard errors.
const N = 100_000;

describe('Prng', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draws(new Prng('psr'), 1000, (r) => r.u32())).toEqual(
      draws(new Prng('psr'), 1000, (r) => r.u32()),
    );
  });

  it('gives a different sequence for a different seed, even one a character apart', () => {
    const a = draws(new Prng('psr'), 1000, (r) => r.u32());
    for (const seed of ['psq', 'psr ', 'PSR', '']) {
      const b = draws(new Prng(seed), 1000, (r) => r.u32());
      expect(b.filter((x, i) => x === a[i]).length).toBeLessThan(5);
    }
  });

  it('forks streams that are reproducible and differ by label and from their parent', () => {
    const parent = new Prng('psr');
    const cases = parent.fork('cases');
    const again = new Prng('psr').fork('cases');
    expect(draws(cases, 100, (r) => r.u32())).toEqual(draws(again, 100, (r) => r.u32()));

    const x = new Prng('psr').fork('workforce');
    const y = new Prng('psr').fork('cases');
    expect(draws(x, 100, (r) => r.u32())).not.toEqual(draws(y, 100, (r) => r.u32()));
    expect(draws(parent, 100, (r) => r.u32())).not.toEqual(
      draws(new Prng('psr').fork('cases'), 100, (r) => r.u32()),
    );
  });

  it('draws 32-bit unsigned integers and fractions in [0, 1)', () => {
    const rng = new Prng('ranges');
    const words = draws(rng, N, (r) => r.u32());
    expect(words.every((u) => Number.isInteger(u) && u >= 0 && u < 2 ** 32)).toBe(true);
    expect(max(words)).toBeGreaterThan(2 ** 31);
    const fractions = draws(rng, N, (r) => r.next());
    expect(min(fractions)).toBeGreaterThanOrEqual(0);
    expect(max(fractions)).toBeLessThan(1);
    // Uniform on [0, 1): mean 1/2, standard error 0.0009 at this sample size.
    expect(Math.abs(mean(fractions) - 0.5)).toBeLessThan(0.005);
  });

  it('draws integers below n with int, and between both bounds inclusive with between', () => {
    const rng = new Prng('ints');
    const ints = draws(rng, 10_000, (r) => r.int(7));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));

    const between = draws(rng, 10_000, (r) => r.between(-2, 3));
    expect(new Set(between)).toEqual(new Set([-2, -1, 0, 1, 2, 3]));
    expect(draws(rng, 100, (r) => r.between(5, 5))).toEqual(Array(100).fill(5));
  });

  it('makes chance(p) true about p of the time, never for 0 and always for 1', () => {
    const rng = new Prng('chance');
    expect(draws(rng, 1000, (r) => Number(r.chance(0)))).not.toContain(1);
    expect(draws(rng, 1000, (r) => Number(r.chance(1)))).not.toContain(0);
    // Standard error of a proportion of 0.3 over 100,000 draws: 0.0014.
    expect(Math.abs(mean(draws(rng, N, (r) => Number(r.chance(0.3)))) - 0.3)).toBeLessThan(0.01);
  });

  it('picks only items of the list, and every one of them sooner or later', () => {
    const rng = new Prng('pick');
    const items = ['a', 'b', 'c'] as const;
    const picked = Array.from({ length: 1000 }, () => rng.pick(items));
    expect(new Set(picked)).toEqual(new Set(items));
  });

  it('picks by weight, never a value of weight zero', () => {
    const rng = new Prng('weighted');
    const counts = { A: 0, B: 0, C: 0 };
    for (let i = 0; i < N; i++) {
      counts[
        rng.weighted([
          ['A', 70],
          ['B', 0],
          ['C', 30],
        ] as const)
      ]++;
    }
    expect(counts.B).toBe(0);
    // Standard error of the 0.7 share: 0.0014.
    expect(Math.abs(counts.A / N - 0.7)).toBeLessThan(0.01);
  });

  it('draws non-negative exponential values with the mean asked for', () => {
    const rng = new Prng('exp');
    const xs = draws(rng, N, (r) => r.exp(20));
    expect(min(xs)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(mean(xs) / 20 - 1)).toBeLessThan(0.02);
  });

  // Means on both sides of 30, where the module switches from Knuth's method to a normal
  // approximation.
  it.each([0.4, 3, 25, 50, 400])('draws whole, non-negative Poisson counts averaging %p', (m) => {
    const rng = new Prng(`poisson:${m}`);
    const xs = draws(rng, N, (r) => r.poisson(m));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expect(Math.abs(mean(xs) / m - 1)).toBeLessThan(0.02);
  });

  it('draws no events for a mean of zero or below', () => {
    const rng = new Prng('poisson:0');
    expect(draws(rng, 100, (r) => r.poisson(0))).toEqual(Array(100).fill(0));
    expect(draws(rng, 100, (r) => r.poisson(-1))).toEqual(Array(100).fill(0));
  });

  it('makes ids shaped like version-4 UUIDs, all different', () => {
    const rng = new Prng('uuid');
    const ids = Array.from({ length: 10_000 }, () => rng.uuid());
    const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(ids.filter((id) => !shape.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
