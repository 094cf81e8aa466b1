import { describe, expect, it } from 'vitest';
import { describeFormModel } from '../../../src/server/console/form-model.js';

describe('the console form model', () => {
  it('offers every gpu value aistack.yaml takes, booleans as booleans (so amd and nvidia can be picked)', () => {
    const gpu = describeFormModel().serviceFields.find((field) => field.label === 'gpu');
    expect(gpu).toMatchObject({ input: 'enum', placeholder: 'false', options: [true, false, 'nvidia', 'amd'] });
    expect(gpu?.description).not.toBe('');
  });

  it('documents every field from the manifest descriptions', () => {
    const model = describeFormModel();
    const undocumented = [...model.serviceFields, ...model.customFields, ...model.stackFields].filter((field) => field.description === '');
    expect(undocumented.map((field) => field.label)).toEqual([]);
  });
});
