// A remote as a web address: https and scp-like forms, never with credentials; local paths give none.
import { describe, expect, it } from 'vitest';
import { remoteWebUrl } from './checkout.ts';

describe('remoteWebUrl', () => {
  it('gives the https address of common remote forms, without ".git" or credentials', () => {
    expect(remoteWebUrl('https://github.com/open-mmlab/mmpretrain.git')).toBe('https://github.com/open-mmlab/mmpretrain');
    expect(remoteWebUrl('git@github.com:open-mmlab/mmpretrain.git')).toBe('https://github.com/open-mmlab/mmpretrain');
    expect(remoteWebUrl('ssh://git@github.com/open-mmlab/mmpretrain')).toBe('https://github.com/open-mmlab/mmpretrain');
    expect(remoteWebUrl('https://user:secret@huggingface.co/timm/resnet50.a1_in1k')).toBe('https://huggingface.co/timm/resnet50.a1_in1k');
  });

  it('gives none for local remotes', () => {
    expect(remoteWebUrl('/work/main')).toBeUndefined();
    expect(remoteWebUrl('file:///work/main')).toBeUndefined();
    expect(remoteWebUrl('../other')).toBeUndefined();
  });
});
