import { useCurrentWorkspace } from './CurrentWorkspace';

export function WorkspaceSwitcher() {
  const { workspace, workspaces, selectWorkspace } = useCurrentWorkspace();
  if (workspaces.length === 0) return null;

  return (
    <div>
      <label htmlFor="workspace-switcher" className="block px-1 text-xs font-medium uppercase tracking-wide text-gray-500">
        Workspace
      </label>
      <select
        id="workspace-switcher"
        data-testid="workspace-switcher"
        className="mt-1 block w-full rounded-md border-0 bg-white py-1.5 pl-2.5 pr-8 text-sm font-medium text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600"
        value={workspace?.id ?? ''}
        onChange={(e) => selectWorkspace(e.target.value)}
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.kind === 'personal' ? `${w.name} (personal)` : w.name}
          </option>
        ))}
      </select>
    </div>
  );
}
