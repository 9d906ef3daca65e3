import type { ContainerRetrieveResponse as Container } from 'openai/resources/containers/containers';
import type { FileRetrieveResponse as ContainerFile } from 'openai/resources/containers/files/files';
import { badRequest, binary, bookkeeping, defineBehaviours, defineResource, found, listPage } from '../kit/index.js';
import { nowSeconds } from '../../internal/clock.js';
import { RequestFields } from '../../internal/request-fields.js';
import { newId } from '../../internal/ids.js';
import type { CallWith } from '../behaviour.js';

/** `client.containers.*`: containers (code interpreter sandboxes), `running` from creation, listed by name. */
export const containers = defineResource({
  routes: 'containers',
  idPrefix: 'cntr_',
  object: 'container',
  idParam: 'container_id',
  required: ['name'],
  create({ id, created_at, body }): Container {
    return {
      id,
      object: 'container',
      created_at,
      last_active_at: created_at,
      name: body.name,
      status: 'running',
      expires_after: body.expires_after ?? { anchor: 'last_active_at', minutes: 20 },
      memory_limit: body.memory_limit ?? '1g',
      network_policy: body.network_policy ?? { type: 'disabled' },
    };
  },
});

/** Each container file's bytes, by container file id. */
const fileBytes = bookkeeping('containers.files bytes', () => new Map<string, Uint8Array>());

function containerOf(call: CallWith<{ container_id: string }>): Container {
  return found(containers.store(call.state), 'container', call.params.container_id, { param: 'container_id' });
}

/** `client.containers.files.*`: files uploaded (or copied from `files` by `file_id`) into a container, with their bytes. */
export const containerFiles = defineResource({
  routes: 'containers.files',
  idPrefix: 'cfile_',
  object: 'container.file',
  idParam: 'file_id',
  kind: 'container file',
  parent: { param: 'container_id', kind: 'container', store: (state) => containers.store(state) },
  storeOptions: { defaultOrder: 'desc' },
  create({ id, created_at, parentId }): ContainerFile {
    // The bytes and path are filled in by the create behaviour below, which reads multipart bodies too.
    return { id, object: 'container.file', created_at, container_id: parentId, bytes: 0, path: '', source: 'user' };
  },
});

async function createFile(call: CallWith<{ container_id: string }>): Promise<ContainerFile> {
  const container = containerOf(call);
  const fields = new RequestFields(call.body);
  let bytes: Uint8Array;
  let name: string;
  const upload = fields.file('file');
  const fileId = fields.string('file_id');
  if (upload) {
    bytes = new Uint8Array(await upload.arrayBuffer());
    name = upload instanceof File ? upload.name : 'upload';
  } else if (fileId !== undefined) {
    const file = found(call.state.files, 'file', fileId, { param: 'file_id' });
    bytes = call.state.files.content.get(file.id) ?? new Uint8Array();
    name = file.filename;
  } else {
    throw badRequest("Missing required parameter: 'file' or 'file_id'.", 'file', 'missing_required_parameter');
  }
  const id = newId('cfile_');
  const file: ContainerFile = {
    id,
    object: 'container.file',
    created_at: nowSeconds(),
    container_id: container.id,
    bytes: bytes.byteLength,
    path: `/mnt/data/${name}`,
    source: 'user',
  };
  fileBytes(call.state).set(id, bytes);
  return containerFiles.store(call.state, container.id).put(call.complete(file));
}

/** The routes of `client.containers` and `client.containers.files`, with file content and a `name` filter. */
export const containerRoutes = {
  ...containers.behaviours,
  ...containerFiles.behaviours,
  ...defineBehaviours({
    'containers.list': {
      respond(call) {
        const name = call.query.get('name');
        return listPage(call, containers.store(call.state), name === null ? {} : { filter: (c) => c.name === name });
      },
    },
    'containers.files.create': { respond: createFile },
    'containers.files.content.retrieve': {
      respond(call) {
        const container = containerOf(call);
        const file = found(containerFiles.store(call.state, container.id), 'container file', call.params.file_id, { param: 'file_id' });
        return binary((fileBytes(call.state).get(file.id) ?? new Uint8Array()).slice());
      },
    },
  }),
};
