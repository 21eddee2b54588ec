export { writeXlsx, xlsxText, XLSX_SHEETS } from './xlsx';
export { exportToPath, writeFileAtomic, isExportFormat, EXPORT_FORMATS, type ExportFormat } from './files';
