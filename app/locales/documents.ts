// Order documents: the purchase order PDF and uploaded files (the PDF's own texts live in app/pdf/).
const en = {
  "documents.title": "Documents",
  "documents.purchaseOrder": "Purchase order (PDF)",
  "documents.upload": "Add a document",
  "documents.uploadHint": "PDF, PNG, JPEG or WebP, 10 MB at most.",
  "documents.file": "File",
  "documents.uploadSubmit": "Upload",
  "documents.uploaded": "“{filename}” added to the order’s documents",
  "documents.uploadFailed": "The document was not added",
  "documents.backToOrder": "Back to the order’s documents",
  "documents.empty": "No document yet",
  "documents.addedBy": "Added by {name} ({org})",
  "documents.kind.PURCHASE_ORDER": "Purchase order",
  "documents.kind.UPLOAD": "Uploaded file",
  "documents.error.noFile": "Choose a file to upload.",
  "documents.error.empty": "The file is empty.",
  "documents.error.tooLarge": "The file is larger than 10 MB.",
  "documents.error.type": "Only PDF, PNG, JPEG and WebP files can be added (the file’s content was checked, not its name).",
} as const;

const fr: Record<keyof typeof en, string> = {
  "documents.title": "Documents",
  "documents.purchaseOrder": "Bon de commande (PDF)",
  "documents.upload": "Ajouter un document",
  "documents.uploadHint": "PDF, PNG, JPEG ou WebP, 10 Mo au plus.",
  "documents.file": "Fichier",
  "documents.uploadSubmit": "Envoyer",
  "documents.uploaded": "« {filename} » ajouté aux documents de la commande",
  "documents.uploadFailed": "Le document n’a pas été ajouté",
  "documents.backToOrder": "Retour aux documents de la commande",
  "documents.empty": "Aucun document pour l’instant",
  "documents.addedBy": "Ajouté par {name} ({org})",
  "documents.kind.PURCHASE_ORDER": "Bon de commande",
  "documents.kind.UPLOAD": "Fichier envoyé",
  "documents.error.noFile": "Choisissez un fichier à envoyer.",
  "documents.error.empty": "Le fichier est vide.",
  "documents.error.tooLarge": "Le fichier dépasse 10 Mo.",
  "documents.error.type": "Seuls les fichiers PDF, PNG, JPEG et WebP peuvent être ajoutés (le contenu du fichier est vérifié, pas son nom).",
};

export default { en, fr };
