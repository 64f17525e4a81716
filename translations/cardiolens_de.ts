<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppOptions</name>
    <message>
        <source>Cardiolens: ECG, cine MRI and echo workstation</source>
        <translation>Cardiolens: Arbeitsplatz für EKG, Cine-MRT und Echo</translation>
    </message>
    <message>
        <source>Render the window once everything is shown, write it to &lt;png&gt; and exit.</source>
        <translation>Das Fenster nach dem vollständigen Aufbau rendern, als &lt;png&gt; speichern und beenden.</translation>
    </message>
    <message>
        <source>User interface language (en, de).</source>
        <translation>Sprache der Benutzeroberfläche (en, de).</translation>
    </message>
    <message>
        <source>Open the bundled demo samples.</source>
        <translation>Die mitgelieferten Demo-Beispiele öffnen.</translation>
    </message>
    <message>
        <source>Print start-up timing to stderr.</source>
        <translation>Startzeiten auf stderr ausgeben.</translation>
    </message>
    <message>
        <source>Files to open.</source>
        <translation>Zu öffnende Dateien.</translation>
    </message>
    <message>
        <source>Show the ECG from START seconds, LENGTH seconds per screen.</source>
        <translation>EKG ab START Sekunden zeigen, LENGTH Sekunden pro Bildschirm.</translation>
    </message>
    <message>
        <source>Imaging layout: single, pair, slices or phases (lightbox), surfaces.</source>
        <translation>Bildlayout: single, pair, slices oder phases (Leuchtkasten), surfaces.</translation>
    </message>
    <message>
        <source>Show cine slice and phase (1-based).</source>
        <translation>Cine-Schicht und -Phase zeigen (ab 1 gezählt).</translation>
    </message>
    <message>
        <source>Run this model (name, name@version or folder) on the case shown after opening the files.</source>
        <translation>Dieses Modell (Name, Name@Version oder Ordner) nach dem Öffnen der Dateien auf den angezeigten Fall anwenden.</translation>
    </message>
</context>
<context>
    <name>ResultDetailsText</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>LV from the prediction: EF %1 %, EDV %2 ml, ESV %3 ml, mass %4 g (ED phase %5, ES phase %6)</source>
        <translation>LV aus der Vorhersage: EF %1 %, EDV %2 ml, ESV %3 ml, Masse %4 g (ED-Phase %5, ES-Phase %6)</translation>
    </message>
    <message>
        <source>No LV blood pool in any frame</source>
        <translation>In keinem Bild ein LV-Blutpool</translation>
    </message>
    <message>
        <source>LV area: ED %1 mm² (frame %2), ES %3 mm² (frame %4), FAC %5 %</source>
        <translation>LV-Fläche: ED %1 mm² (Bild %2), ES %3 mm² (Bild %4), FAC %5 %</translation>
    </message>
    <message>
        <source>; area-length EF %1 %</source>
        <translation>; Flächen-Längen-EF %1 %</translation>
    </message>
    <message>
        <source>%1 %2 (%3 frames)</source>
        <translation>%1 %2 (%3 Bilder)</translation>
    </message>
    <message>
        <source>Dice against the reference: %1</source>
        <translation>Dice gegen die Referenz: %1</translation>
    </message>
    <message>
        <source>Beats from</source>
        <translation>Schläge aus</translation>
    </message>
    <message>
        <source>Above threshold</source>
        <translation>Über der Schwelle</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>%1 beats with uncertainty above %2 (review these first)</source>
        <translation>%1 Schläge mit Unsicherheit über %2 (zuerst prüfen)</translation>
    </message>
</context>
<context>
    <name>cardiolens::app::AboutDialog</name>
    <message>
        <source>not built</source>
        <translation>nicht gebaut</translation>
    </message>
    <message>
        <source>Qt %1, VTK %2, ITK %3, libtorch %4</source>
        <translation>Qt %1, VTK %2, ITK %3, libtorch %4</translation>
    </message>
    <message>
        <source>About Cardiolens</source>
        <translation>Über Cardiolens</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Cardiolens %1&lt;/h2&gt;&lt;p&gt;A workstation for 12-lead ECG, Holter, cine MRI and echo data, with on-demand model inference and label editing for active learning.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Cardiolens %1&lt;/h2&gt;&lt;p&gt;Ein Arbeitsplatz für 12-Kanal-EKG, Holter, Cine-MRT und Echo, mit Modell-Inferenz auf Abruf und Annotation für aktives Lernen.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;Lizenziert unter der GNU General Public License, Version 3 oder später.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>cardiolens::app::InferenceUi</name>
    <message>
        <source>Model result</source>
        <translation>Modellergebnis</translation>
    </message>
    <message>
        <source>&amp;Run model…</source>
        <translation>Modell &amp;ausführen…</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Run model on &amp;ECG…</source>
        <translation>Modell auf &amp;EKG anwenden…</translation>
    </message>
    <message>
        <source>Run &amp;segmentation model on image…</source>
        <translation>&amp;Segmentierungsmodell auf Bild anwenden…</translation>
    </message>
    <message>
        <source>&amp;Cancel model run</source>
        <translation>Modelllauf &amp;abbrechen</translation>
    </message>
    <message>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <source>&amp;Manage models…</source>
        <translation>Modelle &amp;verwalten…</translation>
    </message>
</context>
<context>
    <name>cardiolens::app::MainWindow</name>
    <message>
        <source>Cardiolens</source>
        <translation>Cardiolens</translation>
    </message>
    <message>
        <source>ECG</source>
        <translation>EKG</translation>
    </message>
    <message>
        <source>Imaging</source>
        <translation>Bildgebung</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;ECG workspace</source>
        <translation>&amp;EKG-Arbeitsbereich</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Imaging workspace</source>
        <translation>&amp;Bildgebungs-Arbeitsbereich</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Cardiolens</source>
        <translation>Ü&amp;ber Cardiolens</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>unrecognised file format</source>
        <translation>unbekanntes Dateiformat</translation>
    </message>
    <message>
        <source>DICOM file without image or waveform content</source>
        <translation>DICOM-Datei ohne Bild- oder Kurveninhalt</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>Datei nicht gefunden</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>Datei kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>The language changes at the next start.</source>
        <translation>Die Sprache ändert sich beim nächsten Start.</translation>
    </message>
    <message>
        <source>&amp;Calibrate ECG paper…</source>
        <translation>EKG-Papier &amp;kalibrieren…</translation>
    </message>
    <message>
        <source>Cardiac data (*.hea *.dat *.mat *.atr *.edf *.csv *.dcm *.nii *.nii.gz *.mhd *.nrrd *.avi *.mp4);;ECG (*.hea *.edf *.csv *.dcm);;Images (*.dcm *.nii *.nii.gz *.mhd *.nrrd *.avi *.mp4);;All files (*)</source>
        <translation>Kardiologische Daten (*.hea *.dat *.mat *.atr *.edf *.csv *.dcm *.nii *.nii.gz *.mhd *.nrrd *.avi *.mp4);;EKG (*.hea *.edf *.csv *.dcm);;Bilder (*.dcm *.nii *.nii.gz *.mhd *.nrrd *.avi *.mp4);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose a series</source>
        <translation>Serie wählen</translation>
    </message>
    <message>
        <source>The folder holds several series:</source>
        <translation>Der Ordner enthält mehrere Serien:</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modelle</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::CineMetricsPanel</name>
    <message>
        <source>Cine frame</source>
        <translation>Cine-Bild</translation>
    </message>
    <message>
        <source>Volume (ml)</source>
        <translation>Volumen (ml)</translation>
    </message>
    <message>
        <source>No labels.</source>
        <translation>Keine Labels.</translation>
    </message>
    <message>
        <source>LV</source>
        <translation>LV</translation>
    </message>
    <message>
        <source>RV</source>
        <translation>RV</translation>
    </message>
    <message>
        <source> ED</source>
        <translation> ED</translation>
    </message>
    <message>
        <source> ES</source>
        <translation> ES</translation>
    </message>
    <message>
        <source>&lt;b&gt;LV&lt;/b&gt;&lt;br&gt;EDV %1 ml&lt;br&gt;ESV %2 ml&lt;br&gt;SV %3 ml&lt;br&gt;EF %4 %&lt;br&gt;Mass %5 g</source>
        <translation>&lt;b&gt;LV&lt;/b&gt;&lt;br&gt;EDV %1 ml&lt;br&gt;ESV %2 ml&lt;br&gt;SV %3 ml&lt;br&gt;EF %4 %&lt;br&gt;Masse %5 g</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;RV&lt;/b&gt;&lt;br&gt;EDV %1 ml&lt;br&gt;ESV %2 ml&lt;br&gt;EF %3 %</source>
        <translation>&lt;br&gt;&lt;b&gt;RV&lt;/b&gt;&lt;br&gt;EDV %1 ml&lt;br&gt;ESV %2 ml&lt;br&gt;EF %3 %</translation>
    </message>
    <message>
        <source>&lt;br&gt;ED frame %1, ES frame %2</source>
        <translation>&lt;br&gt;ED-Bild %1, ES-Bild %2</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::CineView</name>
    <message>
        <source>(%1, %2, %3)  %4  [%5, %6, %7] mm</source>
        <translation>(%1, %2, %3)  %4  [%5, %6, %7] mm</translation>
    </message>
    <message>
        <source>Slice %1/%2   Phase %3/%4</source>
        <translation>Schicht %1/%2   Phase %3/%4</translation>
    </message>
    <message>
        <source>   %1 ms</source>
        <translation>   %1 ms</translation>
    </message>
    <message>
        <source>   ▶ %1×</source>
        <translation>   ▶ %1×</translation>
    </message>
    <message>
        <source>W %1  L %2</source>
        <translation>F %1  L %2</translation>
    </message>
    <message>
        <source>%1 mm</source>
        <translation>%1 mm</translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::EcgCalibrationDialog</name>
    <message>
        <source>Calibrate ECG paper</source>
        <translation>EKG-Papier kalibrieren</translation>
    </message>
    <message>
        <source>Measure the bar below with a ruler (end ticks, outer edges) and type its length. It should be %1 mm.</source>
        <translation>Messen Sie den Balken unten mit einem Lineal (äußere Endstriche) und geben Sie seine Länge ein. Er sollte %1 mm lang sein.</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>Measured length:</source>
        <translation>Gemessene Länge:</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::EcgNavigator</name>
    <message>
        <source>HR (bpm)</source>
        <translation>HF (/min)</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::EcgStripView</name>
    <message>
        <source>No ECG record open.</source>
        <translation>Keine EKG-Aufzeichnung geöffnet.</translation>
    </message>
    <message>
        <source>Gain of %1</source>
        <translation>Verstärkung von %1</translation>
    </message>
    <message>
        <source>%1 mm/mV</source>
        <translation>%1 mm/mV</translation>
    </message>
    <message>
        <source>Use the global gain</source>
        <translation>Globale Verstärkung verwenden</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::EcgToolBar</name>
    <message>
        <source>ECG</source>
        <translation>EKG</translation>
    </message>
    <message>
        <source>Stacked leads</source>
        <translation>Ableitungen untereinander</translation>
    </message>
    <message>
        <source>12 × 1</source>
        <translation>12 × 1</translation>
    </message>
    <message>
        <source>6 × 2</source>
        <translation>6 × 2</translation>
    </message>
    <message>
        <source>3 × 4 + rhythm</source>
        <translation>3 × 4 + Rhythmus</translation>
    </message>
    <message>
        <source>3 × 4 + 3 rhythm</source>
        <translation>3 × 4 + 3 Rhythmus</translation>
    </message>
    <message>
        <source>%1 mm/s</source>
        <translation>%1 mm/s</translation>
    </message>
    <message>
        <source>%1 mm/mV</source>
        <translation>%1 mm/mV</translation>
    </message>
    <message>
        <source>No filter</source>
        <translation>Kein Filter</translation>
    </message>
    <message>
        <source>Diagnostic 0.05–150 Hz</source>
        <translation>Diagnostisch 0,05–150 Hz</translation>
    </message>
    <message>
        <source>Monitor 0.5–40 Hz</source>
        <translation>Monitor 0,5–40 Hz</translation>
    </message>
    <message>
        <source>No notch</source>
        <translation>Kein Kerbfilter</translation>
    </message>
    <message>
        <source>50 Hz notch</source>
        <translation>50-Hz-Kerbfilter</translation>
    </message>
    <message>
        <source>60 Hz notch</source>
        <translation>60-Hz-Kerbfilter</translation>
    </message>
    <message>
        <source>Calipers</source>
        <translation>Messzirkel</translation>
    </message>
    <message>
        <source> Annotations </source>
        <translation> Annotationen </translation>
    </message>
    <message>
        <source>◀</source>
        <translation>◀</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriger</translation>
    </message>
    <message>
        <source>▶</source>
        <translation>▶</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächster</translation>
    </message>
    <message>
        <source>Go to hh:mm:ss</source>
        <translation>Gehe zu hh:mm:ss</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Beat code or rhythm label to jump to; ? = beats a model was unsure of</source>
        <translation>Schlagcode oder Rhythmus, zu dem gesprungen wird; ? = Schläge, bei denen ein Modell unsicher war</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::EcgWorkspace</name>
    <message>
        <source>Opened %1: %2 leads, %3 Hz, %4 s</source>
        <translation>%1 geöffnet: %2 Ableitungen, %3 Hz, %4 s</translation>
    </message>
    <message>
        <source>unfiltered</source>
        <translation>ungefiltert</translation>
    </message>
    <message>
        <source>, %1 Hz notch</source>
        <translation>, %1-Hz-Kerbfilter</translation>
    </message>
    <message>
        <source>no record open</source>
        <translation>keine Aufzeichnung geöffnet</translation>
    </message>
    <message>
        <source>Export strip</source>
        <translation>Streifen exportieren</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;PNG image (*.png)</source>
        <translation>PDF (*.pdf);;PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>No %1 after this point</source>
        <translation>Kein %1 nach dieser Stelle</translation>
    </message>
    <message>
        <source>No %1 before this point</source>
        <translation>Kein %1 vor dieser Stelle</translation>
    </message>
    <message>
        <source>%1: %2 items, uncertainty %3 (%4)</source>
        <translation>%1: %2 Einheiten, Unsicherheit %3 (%4)</translation>
    </message>
    <message>
        <source> - %1</source>
        <translation> – %1</translation>
    </message>
    <message>
        <source>Open an ECG record first.</source>
        <translation>Bitte zuerst eine EKG-Aufzeichnung öffnen.</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::ImagingModelRun</name>
    <message>
        <source>%1: %2 frames segmented, uncertainty %3 (%4)</source>
        <translation>%1: %2 Bilder segmentiert, Unsicherheit %3 (%4)</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>Bitte zuerst ein Bild öffnen.</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::ImagingWorkspace</name>
    <message>
        <source>No image open.

Use File ▸ Open or drop a DICOM file here.</source>
        <translation>Kein Bild geöffnet.

Datei ▸ Öffnen wählen oder eine DICOM-Datei hierher ziehen.</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3 × %4 pixels, %5 slices × %6 phases&lt;br&gt;%7 × %8 mm per pixel, slices %9 mm apart</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3 × %4 Pixel, %5 Schichten × %6 Phasen&lt;br&gt;%7 × %8 mm pro Pixel, Schichtabstand %9 mm</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play or pause the cine (Space)</source>
        <translation>Cine abspielen oder anhalten (Leertaste)</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>Schleife</translation>
    </message>
    <message>
        <source>Back and forth</source>
        <translation>Hin und zurück</translation>
    </message>
    <message>
        <source>Slice (↑/↓)</source>
        <translation>Schicht (↑/↓)</translation>
    </message>
    <message>
        <source>Phase (←/→)</source>
        <translation>Phase (←/→)</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Reihenfolge</translation>
    </message>
    <message>
        <source>Auto (1–99 %)</source>
        <translation>Auto (1–99 %)</translation>
    </message>
    <message>
        <source>Wide (0.1–99.9 %)</source>
        <translation>Weit (0,1–99,9 %)</translation>
    </message>
    <message>
        <source>Contrast (5–95 %)</source>
        <translation>Kontrast (5–95 %)</translation>
    </message>
    <message>
        <source>Full range</source>
        <translation>Gesamter Bereich</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Window and view as opened (R); right-drag adjusts the window</source>
        <translation>Fenster und Ansicht wie beim Öffnen (R); Ziehen mit rechter Maustaste ändert das Fenster</translation>
    </message>
    <message>
        <source>Single</source>
        <translation>Einzeln</translation>
    </message>
    <message>
        <source>Reference | prediction</source>
        <translation>Referenz | Vorhersage</translation>
    </message>
    <message>
        <source>Lightbox: all slices</source>
        <translation>Leuchtkasten: alle Schichten</translation>
    </message>
    <message>
        <source>Lightbox: all phases</source>
        <translation>Leuchtkasten: alle Phasen</translation>
    </message>
    <message>
        <source>3-D surfaces</source>
        <translation>3-D-Oberflächen</translation>
    </message>
    <message>
        <source>Reference labels</source>
        <translation>Referenz-Labels</translation>
    </message>
    <message>
        <source>Model prediction</source>
        <translation>Modellvorhersage</translation>
    </message>
    <message>
        <source>Load prediction…</source>
        <translation>Vorhersage laden…</translation>
    </message>
    <message>
        <source>A label file on the same grid (internal labels), e.g. a model&apos;s output</source>
        <translation>Eine Label-Datei auf demselben Gitter (interne Labels), z. B. die Ausgabe eines Modells</translation>
    </message>
    <message>
        <source>Load predicted labels</source>
        <translation>Vorhergesagte Labels laden</translation>
    </message>
    <message>
        <source>Label volumes (*.nii *.nii.gz *.mhd *.mha *.nrrd);;All files (*)</source>
        <translation>Label-Volumen (*.nii *.nii.gz *.mhd *.mha *.nrrd);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Prediction loaded from %1</source>
        <translation>Vorhersage aus %1 geladen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>nicht gelesen</translation>
    </message>
    <message>
        <source>#%1 %2 (%3, %4 files)</source>
        <translation>#%1 %2 (%3, %4 Dateien)</translation>
    </message>
    <message>
        <source>no series chosen</source>
        <translation>keine Serie gewählt</translation>
    </message>
    <message>
        <source>open an image first</source>
        <translation>bitte zuerst ein Bild öffnen</translation>
    </message>
    <message>
        <source>the labels&apos; grid differs from the image&apos;s</source>
        <translation>das Gitter der Labels weicht von dem des Bildes ab</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>&lt;br&gt;Playback %1 fps</source>
        <translation>&lt;br&gt;Wiedergabe %1 B/s</translation>
    </message>
    <message>
        <source>&lt;br&gt;%1 labelled frames, %2 contours</source>
        <translation>&lt;br&gt;%1 gelabelte Bilder, %2 Konturen</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::LabelTableWidget</name>
    <message>
        <source>Show labels</source>
        <translation>Labels zeigen</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>Füllung</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>Umriss</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Deckkraft</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::LightboxView</name>
    <message>
        <source>S%1</source>
        <translation>S%1</translation>
    </message>
    <message>
        <source>P%1</source>
        <translation>P%1</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::ModelResultPanel</name>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>No model result</source>
        <translation>Kein Modellergebnis</translation>
    </message>
    <message>
        <source>Run a model from the Models menu (Ctrl+R).</source>
        <translation>Ein Modell über das Menü Modelle ausführen (Ctrl+R).</translation>
    </message>
    <message>
        <source>Uncertainty %1 (%2)</source>
        <translation>Unsicherheit %1 (%2)</translation>
    </message>
    <message>
        <source>: rank %1 of %2 cases scored by this model (1 = least certain)</source>
        <translation>: Rang %1 von %2 mit diesem Modell bewerteten Fällen (1 = am unsichersten)</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source> (threshold %1)</source>
        <translation> (Schwelle %1)</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Beats</source>
        <translation>Schläge</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>Annotation</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Mean volume (ml)</source>
        <translation>Mittleres Volumen (ml)</translation>
    </message>
    <message>
        <source>Mean area (cm²)</source>
        <translation>Mittlere Fläche (cm²)</translation>
    </message>
    <message>
        <source>Window centre (s)</source>
        <translation>Fenstermitte (s)</translation>
    </message>
    <message>
        <source>Frame (phase by phase)</source>
        <translation>Bild (Phase für Phase)</translation>
    </message>
    <message>
        <source>Uncertainty</source>
        <translation>Unsicherheit</translation>
    </message>
    <message>
        <source>Model run failed</source>
        <translation>Modelllauf fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 on %2: %3 items in %4 ms</source>
        <translation>%1 auf %2: %3 Einheiten in %4 ms</translation>
    </message>
    <message>
        <source>Beat time (s)</source>
        <translation>Zeitpunkt des Schlags (s)</translation>
    </message>
    <message>
        <source>Beat uncertainty</source>
        <translation>Unsicherheit pro Schlag</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::ModelRunController</name>
    <message>
        <source>No %1 model is installed.</source>
        <translation>Kein %1-Modell installiert.</translation>
    </message>
    <message>
        <source>ECG</source>
        <translation>EKG</translation>
    </message>
    <message>
        <source>imaging</source>
        <translation>Bildgebungs</translation>
    </message>
    <message>
        <source>Run model</source>
        <translation>Modell ausführen</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>A model is already running.</source>
        <translation>Es läuft bereits ein Modell.</translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation>%1: abgebrochen</translation>
    </message>
    <message>
        <source>uncertainty (%1): </source>
        <translation>Unsicherheit (%1): </translation>
    </message>
    <message>
        <source>first pass; %1 refinement running</source>
        <translation>erster Durchlauf; Verfeinerung mit %1 läuft</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::ModelRunStatus</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the model run (Ctrl+.)</source>
        <translation>Modelllauf anhalten (Ctrl+.)</translation>
    </message>
    <message>
        <source>%1: starting</source>
        <translation>%1: startet</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::ModelsDialog</name>
    <message>
        <source>&amp;Add model…</source>
        <translation>Modell &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Validate</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Open models &amp;folder</source>
        <translation>Modell&amp;ordner öffnen</translation>
    </message>
    <message>
        <source>bundled</source>
        <translation>mitgeliefert</translation>
    </message>
    <message>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Not loaded:&lt;br&gt;%1</source>
        <translation>Nicht geladen:&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Ausgaben</translation>
    </message>
    <message>
        <source>Uncertainty</source>
        <translation>Unsicherheit</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>Trainingsdaten</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>Modelldatei</translation>
    </message>
    <message>
        <source>Validation figures</source>
        <translation>Validierungswerte</translation>
    </message>
    <message>
        <source>Add model</source>
        <translation>Modell hinzufügen</translation>
    </message>
    <message>
        <source>Model manifest (manifest.json);;TorchScript model (*.pt *.pth *.ts);;All files (*)</source>
        <translation>Modell-Manifest (manifest.json);;TorchScript-Modell (*.pt *.pth *.ts);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Validating %1…</source>
        <translation>%1 wird geprüft…</translation>
    </message>
    <message>
        <source>Added %1: it loads and runs on an input of shape %2.</source>
        <translation>%1 hinzugefügt: es lädt und läuft mit einer Eingabe der Form %2.</translation>
    </message>
    <message>
        <source>%1 is valid: input %2 gives output %3 in %4 ms.</source>
        <translation>%1 ist gültig: Eingabe %2 ergibt Ausgabe %3 in %4 ms.</translation>
    </message>
    <message>
        <source>Threads per model run:</source>
        <translation>Threads pro Modelllauf:</translation>
    </message>
    <message>
        <source>shape %1, leads %2 at %3 Hz</source>
        <translation>Form %1, Ableitungen %2 mit %3 Hz</translation>
    </message>
    <message>
        <source>shape %1, frames resized to %2 × %3</source>
        <translation>Form %1, Bilder auf %2 × %3 skaliert</translation>
    </message>
</context>
</TS>
