import { ValidationError } from '../../common/domain-error';
import { DEFAULT_DISCLOSURE_POLICY, disclosurePolicy, suppressedLabelFor } from './policy';

describe('disclosure policy', () => {
  it('defaults to DOMAIN.md §5: counts 1–4 shown as <5, k = 3', () => {
    expect(DEFAULT_DISCLOSURE_POLICY).toEqual({ threshold: 5, k: 3, suppressedLabel: '<5' });
  });

  it('derives the label from the threshold', () => {
    expect(suppressedLabelFor(10)).toBe('<10');
    expect(disclosurePolicy({ threshold: 3, k: 5 }).suppressedLabel).toBe('<3');
  });

  it.each([
    [{ threshold: 1, k: 3 }],
    [{ threshold: 4.5, k: 3 }],
    [{ threshold: 5, k: 0 }],
    [{ threshold: 5, k: Number.NaN }],
  ])('refuses %j', (settings) => {
    expect(() => disclosurePolicy(settings)).toThrow(ValidationError);
  });
});
