import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n';
import { problemText } from '../forms/problem-text';
import { fileSize, typeName } from './file-size';

describe('a file’s size and kind as people read them', () => {
  it('writes bytes, KB and MB, and the kind by its short name', () => {
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(1536)).toBe('1.5 KB');
    expect(fileSize(10 * 1024 * 1024)).toBe('10 MB');
    expect(typeName('application/pdf')).toBe('PDF');
    expect(typeName('image/webp')).toBe('WebP');
  });

  it('says the size limit of an oversized file in MB, in both languages', async () => {
    const problem = { code: 'file_too_large' as const, params: { limit: 10 * 1024 * 1024 } };
    expect(problemText((await createI18n('en')).t, problem)).toBe('This file is larger than 10 MB, the most one file may be.');
    expect(problemText((await createI18n('zh')).t, problem)).toBe('此文件超过 10 MB，超出单个文件的大小上限。');
  });
});
