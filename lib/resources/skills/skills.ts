import type { DeletedSkill, Skill } from 'openai/resources/skills/skills';
import type { DeletedSkillVersion, SkillVersion } from 'openai/resources/skills/versions/versions';
import { nowSeconds } from '../../internal/clock.js';
import { RequestFields } from '../../internal/request-fields.js';
import { newId } from '../../internal/ids.js';
import { zip, type ZipEntry } from '../../internal/zip.js';
import type { BinaryBody } from '../kit/outcome.js';
import { ChildStores, ResourceStore } from '../../state/resource-store.js';
import type { CallContext, CallWith } from '../behaviour.js';
import { badRequest, binary, bookkeeping, defineBehaviours, found, listPage, noSuch, requiredBody } from '../kit/index.js';

const skills = bookkeeping('skills', () => new ResourceStore<Skill>());
const versions = bookkeeping('skills.versions', () => new ChildStores<SkillVersion>());
/** Each version's files, by version id. */
const versionFiles = bookkeeping('skills.versions files', () => new Map<string, ZipEntry[]>());

/** The uploaded files of a create (`files` or `files[]`), with the paths they were sent with. */
async function uploadedFiles(call: CallContext): Promise<ZipEntry[]> {
  const uploads = new RequestFields(call.body).all('files').filter((value): value is Blob => value instanceof Blob);
  return Promise.all(uploads.map(async (upload) => ({ path: upload instanceof File ? upload.name : 'SKILL.md', bytes: new Uint8Array(await upload.arrayBuffer()) })));
}

/** The `name` and `description` of a skill's SKILL.md front matter, each `otherwise` where it has none. */
function frontMatter(files: readonly ZipEntry[], otherwise: { name: string; description: string }): { name: string; description: string } {
  const manifest = files.find((file) => /(^|\/)SKILL\.md$/i.test(file.path));
  if (!manifest) return { name: otherwise.name, description: otherwise.description };
  const text = new TextDecoder().decode(manifest.bytes);
  const block = /^---\s*\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  const field = (key: string): string | undefined => new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(block)?.[1]?.trim().replace(/^["']|["']$/g, '');
  return { name: field('name') ?? otherwise.name, description: field('description') ?? otherwise.description };
}

function skillOf(call: CallWith<{ skill_id: string }>): Skill {
  return found(skills(call.state), 'skill', call.params.skill_id, { param: 'skill_id' });
}

function versionOf(call: CallContext, skill: Skill, number: string): SkillVersion {
  const version = versions(call.state).of(skill.id).values().find((v) => v.version === number);
  if (!version) throw noSuch('skill version', number, { param: 'version' });
  return version;
}

function addVersion(call: CallContext, skill: Skill, number: string, files: ZipEntry[]): SkillVersion {
  const version: SkillVersion = {
    id: newId('skillver_'),
    object: 'skill.version',
    created_at: nowSeconds(),
    skill_id: skill.id,
    version: number,
    ...frontMatter(files, skill),
  };
  versionFiles(call.state).set(version.id, files);
  return versions(call.state).of(skill.id).put(version);
}

function content(call: CallContext, version: SkillVersion): BinaryBody {
  return binary(zip(versionFiles(call.state).get(version.id) ?? []), 'application/zip');
}

/**
 * `client.skills.*` and `client.skills.versions.*`: a skill is made of the files uploaded with it (its SKILL.md
 * front matter names and describes it); each new upload is a new version, numbered from 1; content downloads
 * are ZIP archives of a version's files.
 */
export const skillRoutes = defineBehaviours({
  'skills.create': {
    async respond(call) {
      const files = await uploadedFiles(call);
      const skill: Skill = {
        id: newId('skill_'),
        object: 'skill',
        created_at: nowSeconds(),
        ...frontMatter(files, { name: 'skill', description: '' }),
        default_version: '1',
        latest_version: '1',
      };
      const stored = skills(call.state).put(call.complete(skill));
      addVersion(call, stored, '1', files);
      return stored;
    },
  },
  'skills.retrieve': { respond: (call) => call.complete(skillOf(call)) },
  'skills.update': {
    respond(call) {
      const skill = skillOf(call);
      const body = requiredBody(call, ['default_version']);
      const version = versionOf(call, skill, String(body.default_version));
      return skills(call.state).put(call.complete({ ...skill, default_version: version.version, name: version.name, description: version.description }));
    },
  },
  'skills.list': { respond: (call) => listPage(call, skills(call.state)) },
  'skills.delete': {
    respond(call) {
      const skill = skillOf(call);
      for (const version of versions(call.state).of(skill.id).values()) versionFiles(call.state).delete(version.id);
      versions(call.state).deleteParent(skill.id);
      skills(call.state).delete(skill.id);
      return call.complete<DeletedSkill>({ id: skill.id, object: 'skill.deleted', deleted: true });
    },
  },
  'skills.content.retrieve': {
    respond(call) {
      const skill = skillOf(call);
      return content(call, versionOf(call, skill, skill.default_version));
    },
  },
  'skills.versions.create': {
    async respond(call) {
      const skill = skillOf(call);
      const number = String(Number(skill.latest_version) + 1);
      const version = addVersion(call, skill, number, await uploadedFiles(call));
      const makeDefault = new RequestFields(call.body).boolean('default') === true;
      skills(call.state).put({ ...skill, latest_version: number, ...(makeDefault && { default_version: number, name: version.name, description: version.description }) });
      return call.complete(version);
    },
  },
  'skills.versions.retrieve': { respond: (call) => call.complete(versionOf(call, skillOf(call), call.params.version)) },
  'skills.versions.list': { respond: (call) => listPage(call, versions(call.state).of(skillOf(call).id)) },
  'skills.versions.delete': {
    respond(call) {
      const skill = skillOf(call);
      const version = versionOf(call, skill, call.params.version);
      if (version.version === skill.default_version) {
        throw badRequest(`Cannot delete version '${version.version}': it is the skill's default version.`, 'version');
      }
      versions(call.state).of(skill.id).delete(version.id);
      versionFiles(call.state).delete(version.id);
      return call.complete<DeletedSkillVersion>({ id: version.id, object: 'skill.version.deleted', deleted: true, version: version.version });
    },
  },
  'skills.versions.content.retrieve': { respond: (call) => content(call, versionOf(call, skillOf(call), call.params.version)) },
});
