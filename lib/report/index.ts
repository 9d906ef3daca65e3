export { writeReport, renderReportPage } from './write-report.js';
export type { ReportOptions } from './write-report.js';
