import type { Core } from '@strapi/strapi';
import { componentLabels, contentTypeLabels, type EditorLayout } from './fieldLabels';

interface FieldMetadata {
  edit?: Record<string, unknown>;
  list?: Record<string, unknown>;
}

interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, FieldMetadata>;
  layouts: { list: string[]; edit: { name: string; size: number }[][] };
}

// What this module uses of the content manager's services, which Strapi's types leave as `any`.
interface ConfigurationService {
  findConfiguration(model: { uid: string; category?: string }): Promise<Configuration>;
  updateConfiguration(model: { uid: string; category?: string }, configuration: Configuration): Promise<unknown>;
}

const withLabels = (configuration: Configuration, layout: EditorLayout): Configuration => {
  const metadatas = { ...configuration.metadatas };
  for (const [field, text] of Object.entries(layout.fields)) {
    const current = metadatas[field] ?? {};
    metadatas[field] = {
      ...current,
      edit: { ...current.edit, label: text.label, description: text.description },
      list: { ...current.list, label: text.label },
    };
  }
  return {
    ...configuration,
    settings: {
      ...configuration.settings,
      mainField: layout.mainField,
      ...(layout.defaultSort ? { defaultSortBy: layout.defaultSort.field, defaultSortOrder: layout.defaultSort.order } : {}),
    },
    metadatas,
    layouts: {
      ...configuration.layouts,
      list: layout.listColumns ?? configuration.layouts.list,
      // The content manager's grid has 12 columns.
      edit: layout.editRows?.map((row) => row.map((name) => ({ name, size: 12 / row.length }))) ?? configuration.layouts.edit,
    },
  };
};

/**
 * Writes the Swedish labels, descriptions and list columns into the content manager's
 * configuration at every start, so that the code stays the one source of what editors read.
 */
export const applyEditorLabels = async (strapi: Core.Strapi): Promise<void> => {
  const contentTypes = strapi.plugin('content-manager').service<ConfigurationService>('content-types');
  for (const [uid, layout] of Object.entries(contentTypeLabels)) {
    const model = { uid };
    const configuration = await contentTypes.findConfiguration(model);
    await contentTypes.updateConfiguration(model, withLabels(configuration, layout));
  }
  const components = strapi.plugin('content-manager').service<ConfigurationService>('components');
  for (const [uid, layout] of Object.entries(componentLabels)) {
    const model = { uid, category: uid.split('.')[0] };
    const configuration = await components.findConfiguration(model);
    await components.updateConfiguration(model, withLabels(configuration, layout));
  }
};
