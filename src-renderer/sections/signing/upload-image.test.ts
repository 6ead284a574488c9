import { describe, expect, it } from 'vitest';
import { maxSignatureImageSide } from '../../../src-shared/fields/png';
import { fitWithin, maxUploadBytes, uploadMaxSide, uploadProblem } from './upload-image';

describe('uploaded signature', () => {
  it('takes PNG and JPEG files up to the limit', () => {
    expect(uploadProblem({ type: 'image/png', size: 1000 })).toBeNull();
    expect(uploadProblem({ type: 'image/jpeg', size: maxUploadBytes })).toBeNull();
    expect(uploadProblem({ type: 'image/jpeg', size: maxUploadBytes + 1 })).toBe('signingUi.upload.tooLarge');
    expect(uploadProblem({ type: 'image/gif', size: 10 })).toBe('signingUi.upload.wrongType');
    expect(uploadProblem({ type: 'image/svg+xml', size: 10 })).toBe('signingUi.upload.wrongType');
  });

  it('scales a large image down to the longest side, proportions kept, never up', () => {
    expect(fitWithin(4000, 1000)).toEqual({ width: uploadMaxSide, height: 300 });
    expect(fitWithin(1000, 8000)).toEqual({ width: 150, height: uploadMaxSide });
    expect(fitWithin(300, 100)).toEqual({ width: 300, height: 100 });
    expect(fitWithin(20000, 1)).toEqual({ width: uploadMaxSide, height: 1 });
    expect(uploadMaxSide).toBeLessThanOrEqual(maxSignatureImageSide);
  });
});
