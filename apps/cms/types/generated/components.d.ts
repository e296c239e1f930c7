import type { Schema, Struct } from '@strapi/strapi';

export interface SharedContact extends Struct.ComponentSchema {
  collectionName: 'components_shared_contacts';
  info: {
    description: 'Kontaktuppgifter p\u00E5 startsidan; tomma f\u00E4lt visas inte';
    displayName: 'Kontaktuppgifter';
  };
  attributes: {
    address: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    email: Schema.Attribute.Email;
    intro: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    phone: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 40;
      }>;
  };
}

export interface SharedMember extends Struct.ComponentSchema {
  collectionName: 'components_shared_members';
  info: {
    description: 'En kommun eller region som \u00E4r medlem i M\u00E4lardalsr\u00E5det';
    displayName: 'Medlem';
  };
  attributes: {
    kind: Schema.Attribute.Enumeration<['kommun', 'region']> & Schema.Attribute.Required;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    url: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
  };
}

export interface SharedSeo extends Struct.ComponentSchema {
  collectionName: 'components_shared_seos';
  info: {
    description: 'Titel och beskrivning som visas i s\u00F6kresultat och n\u00E4r sidan delas';
    displayName: 'S\u00F6kmotorer och delning';
  };
  attributes: {
    metaDescription: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
    metaTitle: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 60;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'shared.contact': SharedContact;
      'shared.member': SharedMember;
      'shared.seo': SharedSeo;
    }
  }
}
