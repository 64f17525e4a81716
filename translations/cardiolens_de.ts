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
        <source>Beat code or rhythm label to jump to</source>
        <translation>Schlagcode oder Rhythmus, zu dem gesprungen wird</translation>
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
        <source>Auto window/level</source>
        <translation>Automatische Fensterung</translation>
    </message>
    <message>
        <source>W %1  L %2</source>
        <translation>F %1  Z %2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Slice</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3 × %4 pixels, %5 slices × %6 phases&lt;br&gt;%7 × %8 mm per pixel, slices %9 mm apart</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3 × %4 Pixel, %5 Schichten × %6 Phasen&lt;br&gt;%7 × %8 mm pro Pixel, Schichtabstand %9 mm</translation>
    </message>
</context>
</TS>
