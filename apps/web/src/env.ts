// The site's environment is declared in @malardalsradet/config/site, which the site server reads
// too (it extends the schema with its own variables); the site's code imports it from here.
export {
  mediaUrlOf,
  readFeedbackRetentionMonths,
  readMediaUrl,
  readPreviewEnv,
  readSiteEnv,
  readSiteUrl,
  siteSchema,
  type SiteEnv,
} from '@malardalsradet/config/site';
