import { startApi, TestApi } from '../support/app';

/** Issue 12, item 11: the legal citations that reach the OpenAPI document (law review E6, §2a). */
describe('legal citations in the OpenAPI document', () => {
  let api: TestApi;
  let text: string;

  beforeAll(async () => {
    api = await startApi();
    text = JSON.stringify((await api.http.get('/docs-json').expect(200)).body);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('cites Civil Code arts. 144–148 applied by analogy to working days, never arts. 147–148 alone', () => {
    expect(text).toContain('Civil Code 2015 arts. 144–148');
    expect(text).toContain('applied by analogy to working days');
    expect(text).not.toContain('arts. 147–148');
  });

  it('emergency measures are not Mẫu 07 (the separation decision); their 12 hours cite arts. 26(3), 31(2), 32(2)', () => {
    const emergency = JSON.parse(text).paths['/api/v1/cases/{id}/emergency-measures'].post.summary as string;
    expect(emergency).not.toContain('Mẫu 07');
    expect(text).toContain('Decree 56 arts. 26(3), 31(2), 32(2)');
    expect(text).not.toMatch(/art\. 25[^0-9(]/);
  });
});
