export { writeXlsx, writeXlsxSheets, xlsxText, XLSX_MIME_TYPE, XLSX_SHEETS } from './xlsx';
export { writeFileAtomic, isExportFormat, EXPORT_FORMATS, type ExportFormat } from './files';
export { findChromium, htmlToPdf, NO_CHROMIUM_MESSAGE, PDF_MIME_TYPE, type PdfPrinter } from './pdf';
