import { describe, expect, it } from 'vitest';
import { takesFiles } from './requestBody';

describe('takesFiles', () => {
  it.each([
    ['POST', '/upload'],
    ['POST', '/upload/'],
    ['POST', '/upload/files'],
    ['POST', '/upload/files/12/replace'],
    ['PUT', '/upload/files/12'],
    ['POST', '/UPLOAD/Files'],
    ['POST', '/api/upload'],
    ['POST', '/admin/project-settings'],
  ])('lets %s %s take files', (method, pathname) => {
    expect(takesFiles(method, pathname)).toBe(true);
  });

  it.each([
    ['GET', '/upload/files'],
    ['DELETE', '/upload/files/12'],
    ['POST', '/upload/actions/bulk-delete'],
    ['POST', '/api/upload/files'],
    ['POST', '/api/plans'],
    ['POST', '/api/feedbacks'],
    ['POST', '/admin/login'],
    ['POST', '/graphql'],
    ['POST', '/uploads'],
    ['POST', '/'],
  ])('refuses files on %s %s', (method, pathname) => {
    expect(takesFiles(method, pathname)).toBe(false);
  });

  it("follows the content API's prefix", () => {
    expect(takesFiles('POST', '/rest/upload', '/rest')).toBe(true);
    expect(takesFiles('POST', '/api/upload', '/rest')).toBe(false);
  });
});
