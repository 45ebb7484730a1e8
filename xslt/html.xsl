<?xml version="1.0" encoding="UTF-8"?>
<!-- Reading edition: one TEI telegram → one HTML5 page with a synoptic (parallel) view.
     Everything comes from the TEI alone, so hand-corrected TEI renders too. Markup of the apparatus is
     shown with CSS classes; no text is added that the source lacks (labels of the interface aside). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:t="http://www.tei-c.org/ns/1.0"
  xmlns:cg="urn:cablegram"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:include href="html-tei.xsl"/>
  <xsl:include href="html-research.xsl"/>
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>

  <xsl:param name="stem" as="xs:string" select="string(/t:TEI/@xml:id)"/>
  <xsl:param name="tei_href" as="xs:string" select="concat('tei/', $stem, '.xml')"/>
  <xsl:param name="pdf_href" as="xs:string" select="''"/>
  <xsl:param name="assets" as="xs:string" select="'assets/'"/>
  <!-- the edition's own address (cablegram.toml [edition] url), '' when it has none; ends in '/' -->
  <xsl:param name="edition_url" as="xs:string" select="''"/>
  <xsl:param name="edition_title" as="xs:string" select="''"/>

  <xsl:variable name="tei" select="/*"/>

  <!-- ============================================================ page -->
  <xsl:template match="/t:TEI | /t:teiCorpus">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="cg:title(.)"/></title>
        <meta name="description" content="{normalize-space(string-join(t:teiHeader/t:profileDesc/t:abstract, ' '))}"/>
        <xsl:if test="$edition_url != ''"><link rel="canonical" href="{$edition_url}{$stem}.html"/></xsl:if>
        <xsl:apply-templates select="." mode="citation-meta"/>
        <xsl:apply-templates select="." mode="research-head"/>
        <link rel="stylesheet" href="{$assets}edition.css"/>
        <script src="{$assets}edition.js" defer="defer"></script>
        <script src="{$assets}research.js" defer="defer"></script>
      </head>
      <body>
        <a class="skip" href="#text">Skip to the text</a>
        <header class="site">
          <nav aria-label="Edition"><a href="index.html">All telegrams</a> · <a href="search.html">Search</a> · <a href="browse.html">Browse</a> · <a href="registers.html">Registers</a></nav>
        </header>
        <main data-pagefind-body="">
          <!-- previous/next and cable chains: filled by the site pass, which knows the corpus -->
          <nav class="sequence" aria-label="Sequence" data-pagefind-ignore="all"></nav>
          <article>
            <xsl:apply-templates select="." mode="header-panel"/>
            <xsl:if test="cg:is-cablegram(.)"><xsl:apply-templates select="." mode="docket"/></xsl:if>
            <xsl:apply-templates select="." mode="text"/>
            <xsl:apply-templates select="." mode="cite"/>
          </article>
          <xsl:apply-templates select="." mode="research-index"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- ============================================================ header panel -->
  <xsl:template match="t:TEI | t:teiCorpus" mode="header-panel">
    <xsl:param name="level" as="xs:integer" select="1"/>
    <xsl:variable name="sent" select="(t:teiHeader//t:correspAction[@type = 'sent'])[1]"/>
    <xsl:variable name="received" select="(t:teiHeader//t:correspAction[@type = 'received'])[1]"/>
    <xsl:variable name="ours" select="cg:is-cablegram(.)"/>
    <xsl:variable name="doc" select="."/>
    <header class="record">
      <xsl:element name="h{$level}"><xsl:value-of select="cg:title(.)"/></xsl:element>
      <xsl:if test="not($ours)">
        <xsl:for-each select="cg:subtitles(.)"><p class="subtitle"><xsl:value-of select="."/></p></xsl:for-each>
      </xsl:if>
      <dl class="facts">
        <xsl:if test="not($ours)">
          <xsl:for-each select="('author', 'editor')">
            <xsl:variable name="names" select="cg:responsible($doc, .)"/>
            <xsl:if test="exists($names)">
              <dt><xsl:value-of select="if (. = 'author') then 'Author' else 'Editor'"/></dt>
              <dd><xsl:value-of select="string-join($names, '; ')"/></dd>
            </xsl:if>
          </xsl:for-each>
        </xsl:if>
        <xsl:if test="cg:date-iso(.)">
          <dt>Date</dt>
          <dd><time datetime="{cg:date-iso(.)}"><xsl:value-of select="cg:date-label(.)"/></time></dd>
        </xsl:if>
        <xsl:if test="$sent or $received">
          <dt>From → to</dt>
          <dd class="correspondents">
            <xsl:apply-templates select="$sent" mode="party"/>
            <span class="arrow" aria-label="to"> → </span>
            <xsl:apply-templates select="$received" mode="party"/>
          </dd>
        </xsl:if>
        <xsl:for-each select="t:teiHeader/t:fileDesc/t:sourceDesc/t:msDesc[$ours]">
          <dt>Archival copy</dt>
          <dd class="shelfmark"><xsl:value-of select="cg:shelfmark(.)"/></dd>
        </xsl:for-each>
        <xsl:for-each select="t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl[@type = ('published-version', 'print-source')]">
          <dt><xsl:value-of select="if (@type = 'print-source') then 'Printed from' else 'Published version'"/></dt>
          <dd><xsl:value-of select="if (@type = 'published-version') then cg:published-label(.) else normalize-space(string-join(.//text(), ' '))"/></dd>
        </xsl:for-each>
        <xsl:if test="cg:translator(.)">
          <dt>Translator</dt>
          <dd><xsl:value-of select="cg:translator(.)"/></dd>
        </xsl:if>
        <xsl:for-each select="cg:record(.)/t:funder">
          <dt>Funder</dt>
          <dd><xsl:value-of select="normalize-space(.)"/></dd>
        </xsl:for-each>
        <xsl:if test="not($ours) and cg:source-line(.)">
          <dt>Source</dt>
          <dd class="source"><xsl:value-of select="cg:source-line(.)"/></dd>
        </xsl:if>
        <xsl:if test="cg:record-url(.)">
          <dt>Record</dt>
          <dd class="url"><a href="{cg:record-url(.)}"><xsl:value-of select="cg:record-url(.)"/></a>
            <xsl:if test="cg:record-url(.) != cg:url(.)">
              <span class="exported-from"> (exported from <xsl:value-of select="cg:url(.)"/>)</span>
            </xsl:if>
          </dd>
        </xsl:if>
        <xsl:if test="$ours">
          <dt>Languages</dt>
          <dd><xsl:value-of select="string-join(t:text/t:body/t:div ! cg:version-label(.), '; ')"/></dd>
        </xsl:if>
        <xsl:if test="$level = 1">
          <dt>Sources</dt>
          <dd>
            <a href="{$tei_href}">TEI</a>
            <xsl:if test="$pdf_href != ''"> · <a href="{$pdf_href}">PDF</a></xsl:if>
          </dd>
        </xsl:if>
      </dl>
      <xsl:for-each select="t:teiHeader/t:profileDesc/t:abstract">
        <section class="summary" aria-labelledby="summary-h">
          <h2 id="summary-h">Summary</h2>
          <xsl:for-each select="t:p"><p><xsl:apply-templates mode="inline"/></p></xsl:for-each>
        </section>
      </xsl:for-each>
      <xsl:variable name="rights" select="t:teiHeader/t:fileDesc/t:publicationStmt/t:availability"/>
      <xsl:if test="$rights">
        <details class="rights">
          <summary>Rights</summary>
          <xsl:for-each select="$rights/(t:licence | t:p)">
            <p>
              <xsl:choose>
                <xsl:when test="@target"><a href="{@target}"><xsl:value-of select="normalize-space(.)"/></a></xsl:when>
                <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
              </xsl:choose>
            </p>
          </xsl:for-each>
        </details>
      </xsl:if>
    </header>
  </xsl:template>

  <xsl:template match="t:correspAction" mode="party">
    <span class="party">
      <xsl:value-of select="string-join((t:persName | t:orgName)/normalize-space(), ', ')"/>
      <xsl:for-each select="t:placeName">
        <xsl:text> (</xsl:text><span class="place"><xsl:value-of select="normalize-space(.)"/></span><xsl:text>)</xsl:text>
      </xsl:for-each>
      <xsl:for-each select="t:date[@when]">
        <xsl:text>, </xsl:text><time datetime="{@when}"><xsl:value-of select="if (normalize-space(.)) then normalize-space(.) else cg:when-label(@when)"/></time>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- ============================================================ docket -->
  <xsl:template match="t:TEI" mode="docket">
    <xsl:variable name="items" select="t:text/t:body/t:div//t:opener/t:seg[@type = ('marking', 'precedence', 'doc-number', 'copy-number', 'handling')]
                                        | t:text/t:body/t:div//t:list[@type = 'distribution'] | t:text/t:body/t:div//t:table[@type = 'distribution']"/>
    <xsl:if test="$items">
      <section class="docket" aria-labelledby="docket-h">
        <h2 id="docket-h">Docket</h2>
        <xsl:apply-templates select="." mode="disagreements"><xsl:with-param name="about" select="'docket'"/></xsl:apply-templates>
        <xsl:for-each select="for $v in cg:versions(.) return $v[some $i in $items satisfies $i/ancestor::t:div[parent::t:body] is $v]">
          <xsl:variable name="v" select="."/>
          <div class="docket-version" lang="{@xml:lang}">
            <h3><xsl:value-of select="cg:version-label(.)"/></h3>
            <dl>
              <xsl:for-each-group select="$items[ancestor::t:div[parent::t:body] is $v]" group-by="(@type, local-name())[1]">
                <dt><xsl:value-of select="map{'marking': 'Markings', 'precedence': 'Precedence', 'doc-number': 'Numbers',
                  'copy-number': 'Copies', 'handling': 'Handling', 'distribution': 'Distribution'}(current-grouping-key())"/></dt>
                <xsl:for-each select="current-group()">
                  <dd><xsl:apply-templates select="." mode="docket-item"/></dd>
                </xsl:for-each>
              </xsl:for-each-group>
            </dl>
          </div>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="t:seg" mode="docket-item"><xsl:apply-templates mode="inline-plain"/></xsl:template>
  <xsl:template match="t:list" mode="docket-item">
    <ul class="distribution">
      <xsl:for-each select="t:item"><li><xsl:apply-templates mode="inline-plain"/></li></xsl:for-each>
    </ul>
  </xsl:template>
  <xsl:template match="t:table" mode="docket-item"><xsl:apply-templates select="." mode="block"/></xsl:template>

  <!-- ============================================================ the text -->
  <!-- any other TEI: the flow of its text, its footnotes after it -->
  <xsl:template match="t:TEI[not(cg:is-cablegram(.))]" mode="text" priority="1">
    <xsl:variable name="id" select="if (parent::t:teiCorpus) then concat('text-', count(preceding-sibling::*[self::t:TEI or self::t:teiCorpus]) + 1) else 'text'"/>
    <section id="{$id}" class="text tei-flow" aria-labelledby="{$id}-h">
      <h2 id="{$id}-h">Text</h2>
      <!-- a genetic edition's transcription of the document's surfaces (sourceDoc) is text too -->
      <xsl:apply-templates select="t:sourceDoc | t:text" mode="block"/>
      <xsl:call-template name="text-footnotes"/>
    </section>
  </xsl:template>

  <xsl:template name="text-footnotes">
    <xsl:for-each select="t:text[exists(cg:footnotes(.))]">
      <section class="footnotes" aria-label="Notes">
        <h3>Notes</h3>
        <ol><xsl:apply-templates select="cg:footnotes(.)" mode="footnote"/></ol>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- a corpus: its header, then each document with its own title, facts and text -->
  <xsl:template match="t:teiCorpus" mode="text">
    <xsl:for-each select="t:TEI | t:teiCorpus">
      <article class="member" id="member-{position()}">
        <xsl:apply-templates select="." mode="header-panel"><xsl:with-param name="level" select="2"/></xsl:apply-templates>
        <xsl:apply-templates select="." mode="text"/>
      </article>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="t:TEI" mode="text">
    <xsl:variable name="translation" select="cg:versions(.)[@type = 'translation'][1]"/>
    <!-- the most complete original first: it is the default beside the translation -->
    <xsl:variable name="originals" select="cg:originals(.)"/>
    <xsl:variable name="bilingual" select="exists($originals) and exists($translation)"/>
    <section id="text" class="text{if ($bilingual) then '' else ' single'}" aria-labelledby="text-h">
      <h2 id="text-h">Text</h2>
      <!-- view state lives in the URL fragment; :target makes the controls work without JavaScript -->
      <xsl:if test="$bilingual">
        <span id="original" class="view-anchor"></span>
        <span id="translation" class="view-anchor"></span>
        <xsl:for-each select="$originals[position() gt 1]">
          <span id="with-{@xml:id}" class="view-anchor alt"></span>
        </xsl:for-each>
        <nav class="views" aria-label="Text views">
          <a href="#text" class="default"><xsl:value-of select="concat('Side by side: ', cg:version-label($originals[1]), ' and ', cg:version-label($translation))"/></a>
          <a href="#original" data-view="original"><xsl:value-of select="concat(cg:version-label($originals[1]), ' only')"/></a>
          <a href="#translation" data-view="translation"><xsl:value-of select="concat(cg:version-label($translation), ' only')"/></a>
          <xsl:for-each select="$originals[position() gt 1]">
            <a href="#with-{@xml:id}" data-view="with-{@xml:id}"><xsl:value-of select="concat('Side by side: ', cg:version-label(.), ' and ', cg:version-label($translation))"/></a>
          </xsl:for-each>
        </nav>
        <xsl:if test="(cg:versions(.)//t:p/@cert)">
          <p class="legend">A bar left of a paragraph shows how sure its alignment with the other version is:
no bar: certain, <span class="swatch cert-medium"></span> probable,
            <span class="swatch cert-low"></span> uncertain. Hover or focus a paragraph to see its counterparts.</p>
        </xsl:if>
      </xsl:if>
      <xsl:apply-templates select="." mode="disagreements"/>
      <!-- front and back matter an editor added are shown around the versions -->
      <xsl:apply-templates select="t:text/t:front" mode="block"/>
      <xsl:for-each select="if ($originals) then $originals else $translation">
        <xsl:variable name="original" select="if (@type = 'original') then . else ()"/>
        <div class="synopsis{if (position() gt 1) then ' alternate' else ''}{if ($original and $translation) then '' else ' single'}" id="synopsis-{@xml:id}">
          <xsl:call-template name="synopsis">
            <xsl:with-param name="original" select="$original"/>
            <xsl:with-param name="translation" select="$translation"/>
            <!-- the translation is shown again beside each further original: its ids get a prefix -->
            <xsl:with-param name="copy-prefix" select="if (position() gt 1) then concat('with-', @xml:id, '-') else ''" tunnel="yes"/>
          </xsl:call-template>
        </div>
      </xsl:for-each>
      <xsl:for-each select="cg:versions(.)[exists(cg:footnotes(.))]">
        <section class="footnotes" lang="{@xml:lang}" aria-label="Notes: {cg:version-label(.)}">
          <h3><xsl:value-of select="concat('Notes: ', cg:version-label(.))"/></h3>
          <ol><xsl:apply-templates select="cg:footnotes(.)" mode="footnote"/></ol>
        </section>
      </xsl:for-each>
      <xsl:apply-templates select="t:text/t:back" mode="block"/>
      <xsl:call-template name="text-footnotes"/>
    </section>
  </xsl:template>

  <!-- where the converter found the versions disagree (the disagreement codes of the problem registry), beside the text -->
  <!-- $about: 'docket' (markings, precedence, numbers of the form) or 'text' (everything else) -->
  <xsl:template match="t:TEI" mode="disagreements">
    <xsl:param name="about" as="xs:string" select="'text'"/>
    <xsl:variable name="doc" select="."/>
    <xsl:variable name="docket-codes" select="('CW-DISAGREE-MARKING')"/>
    <xsl:variable name="disagreement-codes" select="('CW-DISAGREE-NUMBER', 'CW-DISAGREE-MARKING', 'CW-DISAGREE-POINTS')"/>
    <xsl:variable name="notes" select="t:teiHeader/t:fileDesc/t:notesStmt/t:note[@type = 'conversion-warning'][@n = $disagreement-codes]
                                       [if ($about = 'docket') then @n = $docket-codes else not(@n = $docket-codes)]"/>
    <xsl:if test="$notes">
      <aside class="disagreements" aria-label="{if ($about = 'docket') then 'Where the versions disagree: the docket' else 'Where the versions disagree: the text'}">
        <h3>Where the versions disagree</h3>
        <ul>
          <xsl:for-each select="$notes">
            <li data-code="{@n}">
              <xsl:value-of select="normalize-space(.)"/>
              <!-- each version the note names ('ru-t: …; en: …') linked to its first unit -->
              <xsl:variable name="named" select="cg:versions($doc)[@xml:id][matches(current(), concat('(^|[\s;:,])', @xml:id, '([\s:,]|$)'))]"/>
              <xsl:for-each select="$named">
                <xsl:text> </xsl:text>
                <a class="version-link" href="#{(.//*[@xml:id][self::t:p or self::t:opener or self::t:seg])[1]/@xml:id}"><xsl:value-of select="cg:version-label(.)"/></a>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ul>
      </aside>
    </xsl:if>
  </xsl:template>

  <!-- Rows come from cg:synopsis-rows (common.xsl), the same rows the print edition uses. -->
  <xsl:template name="synopsis">
    <xsl:param name="original" as="element(t:div)?"/>
    <xsl:param name="translation" as="element(t:div)?"/>
    <div class="row head">
      <div class="col col-original" lang="{$original/@xml:lang}">
        <xsl:if test="$original"><h3><xsl:value-of select="cg:version-label($original)"/></h3></xsl:if>
      </div>
      <div class="col col-translation" lang="{$translation/@xml:lang}">
        <xsl:if test="$translation"><h3><xsl:value-of select="cg:version-label($translation)"/></h3></xsl:if>
      </div>
    </div>
    <xsl:variable name="rows" select="if ($original and $translation) then cg:synopsis-rows($original, $translation)
                                      else cg:single-rows(($original, $translation)[1], if ($original) then 'left' else 'right')"/>
    <xsl:for-each select="$rows">
      <xsl:choose>
        <xsl:when test="@part">
          <xsl:call-template name="row">
            <xsl:with-param name="kind" select="string(@part)"/>
            <xsl:with-param name="left" select="cg:row-nodes(., 'left', $original)"/>
            <xsl:with-param name="right" select="cg:row-nodes(., 'right', $translation)"/>
            <xsl:with-param name="original" select="$original"/>
            <xsl:with-param name="translation" select="$translation"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="unit-row">
            <xsl:with-param name="paired" select="exists($original) and exists($translation)"/>
            <xsl:with-param name="left" select="cg:row-nodes(., 'left', $original)"/>
            <xsl:with-param name="right" select="cg:row-nodes(., 'right', $translation)"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="row">
    <xsl:param name="copy-prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="left" as="node()*"/>
    <xsl:param name="right" as="node()*"/>
    <xsl:param name="original" as="element(t:div)?"/>
    <xsl:param name="translation" as="element(t:div)?"/>
    <xsl:if test="$left[self::* or normalize-space()] or $right[self::* or normalize-space()]">
      <div class="row {$kind}">
        <div class="col col-original" lang="{$original/@xml:lang}"><xsl:apply-templates select="$left" mode="block"/></div>
        <div class="col col-translation" lang="{$translation/@xml:lang}">
          <xsl:apply-templates select="$right" mode="block"><xsl:with-param name="prefix" select="$copy-prefix" tunnel="yes"/></xsl:apply-templates>
        </div>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template name="unit-row">
    <xsl:param name="copy-prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:param name="left" as="element()*"/>
    <xsl:param name="right" as="element()*"/>
    <xsl:param name="paired" as="xs:boolean" select="false()"/>
    <div class="row unit{if ($left and $right) then ' aligned' else ''}">
      <div class="col col-original" lang="{($left/ancestor::*[@xml:lang])[last()]/@xml:lang}">
        <xsl:apply-templates select="$left" mode="block"/>
        <xsl:if test="$paired and empty($left)"><xsl:call-template name="placeholder"/></xsl:if>
      </div>
      <div class="col col-translation" lang="{($right/ancestor::*[@xml:lang])[last()]/@xml:lang}">
        <xsl:apply-templates select="$right" mode="block"><xsl:with-param name="prefix" select="$copy-prefix" tunnel="yes"/></xsl:apply-templates>
        <xsl:if test="$paired and empty($right)"><xsl:call-template name="placeholder"/></xsl:if>
      </div>
    </div>
  </xsl:template>

  <!-- a unit one version lacks: said, never left as blank space (the label is interface text, set by CSS
       from the attribute so that it is not taken for the document's words) -->
  <xsl:template name="placeholder">
    <p class="placeholder" role="note" aria-label="Not in this version" data-label="not in this version"></p>
  </xsl:template>

  <!-- every page or sheet break visible and labelled ("[Лист 2]"); overrides the any-TEI rule of html-tei.xsl -->
  <xsl:template match="t:pb" mode="inline" priority="2">
    <xsl:variable name="label" select="cg:break-label(.)"/>
    <span class="pb" role="separator" aria-label="{string-join(('break', @type, @n), ' ')}" data-n="{@n}">
      <xsl:if test="$label != ''"><xsl:attribute name="data-label" select="$label"/></xsl:if>
    </span>
  </xsl:template>

  <!-- forme work set apart from the text and from its neighbours by spaces, so that a catch-word and a running
       head never run into the words around them when read or copied ('Если Продолжение', not 'ЕслиПродолжение') -->
  <xsl:template match="t:fw" mode="inline" priority="2">
    <!-- between blocks the whitespace of the source is not output: a space on each side always -->
    <xsl:variable name="between-blocks" select="not(../text()[normalize-space()])"/>
    <xsl:if test="$between-blocks or preceding-sibling::node()[1][self::* or (self::text() and not(matches(., '\s$')))]"><xsl:text> </xsl:text></xsl:if>
    <span class="fw fw-{@type}"><xsl:apply-templates mode="inline"/></span>
    <xsl:if test="$between-blocks or following-sibling::node()[1][self::* or (self::text() and not(matches(., '^\s')))]"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- ============================================================ cite this -->
  <!-- The access date is the reader's: the page carries a marker that edition.js replaces with today's date
       (ISO in BibTeX/RIS/CSL-JSON, written out in Chicago); without script the marker says what goes there. -->
  <xsl:variable name="accessed-long" select="'{{accessed}}'"/>
  <xsl:variable name="accessed-iso" select="'{{accessed-iso}}'"/>

  <xsl:template match="t:TEI | t:teiCorpus" mode="cite">
    <xsl:variable name="edition" select="if ($edition_url != '') then concat($edition_url, $stem, '.html') else ''"/>
    <section class="cite" aria-labelledby="cite-h">
      <h2 id="cite-h">Cite this</h2>
      <xsl:for-each select="(['chicago', 'Chicago', cg:chicago(., $edition, $accessed-long)],
                             ['bibtex', 'BibTeX', cg:bibtex(., $edition, $accessed-iso)],
                             ['ris', 'RIS', cg:ris(., $edition, $accessed-iso)],
                             ['csl-json', 'CSL-JSON', cg:csl-json(., $edition, $accessed-iso)])">
        <xsl:variable name="key" select="?1"/>
        <details class="citation-format" id="format-{$key}">
          <xsl:if test="position() = 1"><xsl:attribute name="open" select="'open'"/></xsl:if>
          <summary id="{$key}-h"><xsl:value-of select="?2"/></summary>
          <pre id="cite-{$key}" class="citation" aria-labelledby="{$key}-h"><xsl:call-template name="with-access-date"><xsl:with-param name="text" select="?3"/></xsl:call-template></pre>
          <button type="button" class="copy" data-copy="cite-{$key}"><xsl:value-of select="concat('Copy ', ?2)"/></button>
        </details>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:template name="with-access-date">
    <xsl:param name="text" as="xs:string"/>
    <xsl:analyze-string select="$text" regex="\{{\{{accessed(-iso)?\}}\}}">
      <xsl:matching-substring>
        <span class="accessed" data-format="{if (regex-group(1)) then 'iso' else 'long'}"><xsl:value-of select="if (regex-group(1)) then 'YYYY-MM-DD' else '[date of access]'"/></span>
      </xsl:matching-substring>
      <xsl:non-matching-substring><xsl:value-of select="."/></xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:template>

  <!-- Highwire Press citation_* tags, which Zotero, Mendeley and Google Scholar read -->
  <xsl:template match="t:TEI | t:teiCorpus" mode="citation-meta">
    <xsl:variable name="date" select="substring(cg:date-iso(.), 1, 10)"/>
    <xsl:variable name="page" select="if ($edition_url != '') then concat($edition_url, $stem, '.html') else ''"/>
    <meta name="citation_title" content="{cg:title(.)}"/>
    <xsl:for-each select="(.//t:correspDesc/t:correspAction[@type = 'sent'])[1]/(t:persName | t:orgName)">
      <meta name="citation_author" content="{normalize-space(.)}"/>
    </xsl:for-each>
    <xsl:if test="$date != ''">
      <meta name="citation_date" content="{translate($date, '-', '/')}"/>
      <meta name="citation_publication_date" content="{translate($date, '-', '/')}"/>
    </xsl:if>
    <xsl:for-each select="normalize-space(cg:record(.)/t:publisher)[. != '']"><meta name="citation_publisher" content="{.}"/></xsl:for-each>
    <xsl:for-each select="cg:versions-languages(.)"><meta name="citation_language" content="{.}"/></xsl:for-each>
    <xsl:if test="cg:shelfmarks(.)"><meta name="citation_archive_location" content="{cg:shelfmarks(.)}"/></xsl:if>
    <xsl:choose>
      <xsl:when test="$page != ''">
        <meta name="citation_public_url" content="{$page}"/>
        <meta name="citation_fulltext_html_url" content="{$page}"/>
      </xsl:when>
      <xsl:when test="cg:record-url(.)"><meta name="citation_public_url" content="{cg:record-url(.)}"/></xsl:when>
    </xsl:choose>
    <xsl:if test="$pdf_href != ''">
      <meta name="citation_pdf_url" content="{if ($edition_url != '' and not(matches($pdf_href, '^[a-z]+:'))) then resolve-uri($pdf_href, $page) else $pdf_href}"/>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
