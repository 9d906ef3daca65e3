import { expect } from 'chai';
import { StateStore } from '../../lib/index.js';
import { mockedClient } from '../support/client.js';

describe('StateStore', () => {
  it('reset() empties every store in place: a store a test holds is still the state\'s, and the seeded models are back', async () => {
    const { openaiMock, client } = mockedClient();
    const files = openaiMock.state.files;
    const steps = openaiMock.state.beta.threads.runs.steps;
    await client.files.create({ file: new File(['{}'], 'a.jsonl'), purpose: 'batch' });
    steps.of('run_1').put({ id: 'step_1' } as never);
    openaiMock.state.models.put({ id: 'ft:gpt-4o:acme::x', object: 'model', created: 0, owned_by: 'acme' });

    openaiMock.reset();

    expect(openaiMock.state.files).to.equal(files);
    expect(files.values()).to.have.length(0);
    expect(steps.of('run_1').has('step_1')).to.equal(false);
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).to.include('gpt-4o').and.not.include('ft:gpt-4o:acme::x');
    const uploaded = await client.files.create({ file: new File(['{}'], 'b.jsonl'), purpose: 'batch' });
    expect(files.get(uploaded.id)?.filename).to.equal('b.jsonl');
  });

  it('a state built before the mock starts it from what it holds, and two mocks on one state see each other\'s objects', async () => {
    const state = new StateStore();
    state.beta.assistants.put({ id: 'asst_1', object: 'assistant', created_at: 0, model: 'gpt-4o', name: 'Helper', description: null, instructions: null, metadata: null, tools: [] });
    const first = mockedClient({ state });
    const second = mockedClient({ state });
    expect((await first.client.beta.assistants.retrieve('asst_1')).name).to.equal('Helper');
    const made = await second.client.vectorStores.create({ name: 'docs' });
    expect((await first.client.vectorStores.retrieve(made.id)).name).to.equal('docs');
  });
});
